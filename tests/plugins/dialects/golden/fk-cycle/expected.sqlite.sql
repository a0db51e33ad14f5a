-- departments references employees, created later (a foreign-key cycle); SQLite checks foreign keys when rows change, so the constraint is declared here all the same.
CREATE TABLE departments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    head_id INTEGER,
    CONSTRAINT departments_head_fk FOREIGN KEY (head_id) REFERENCES employees (id) ON DELETE SET NULL
);

CREATE TABLE employees (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    department_id INTEGER NOT NULL,
    manager_id INTEGER,
    FOREIGN KEY (department_id) REFERENCES departments (id),
    FOREIGN KEY (manager_id) REFERENCES employees (id)
);

CREATE TABLE badges (
    employee_id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE
);

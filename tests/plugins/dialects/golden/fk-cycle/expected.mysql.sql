CREATE TABLE departments (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name TEXT NOT NULL,
    head_id INT
);

CREATE TABLE employees (
    id INT AUTO_INCREMENT PRIMARY KEY,
    department_id INT NOT NULL,
    manager_id INT,
    FOREIGN KEY (department_id) REFERENCES departments (id),
    FOREIGN KEY (manager_id) REFERENCES employees (id)
);

CREATE TABLE badges (
    employee_id INT PRIMARY KEY,
    code CHAR(36) NOT NULL,
    FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE
);

-- Added after the tables: departments references employees, which could not be created before it (a foreign-key cycle).
ALTER TABLE departments ADD CONSTRAINT departments_head_fk FOREIGN KEY (head_id) REFERENCES employees (id) ON DELETE SET NULL;

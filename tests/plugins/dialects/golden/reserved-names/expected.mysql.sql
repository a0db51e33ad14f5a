CREATE TABLE `order` (
    id INT AUTO_INCREMENT PRIMARY KEY,
    user TEXT NOT NULL,
    `group` TEXT,
    `CreatedBy` TEXT,
    `due date` DATE,
    `say "hi"` TEXT,
    `back``tick` TEXT
);

CREATE INDEX order_group_idx ON `order` (`group`(255), user(255));

CREATE TABLE `Select` (
    id INT AUTO_INCREMENT PRIMARY KEY,
    `order` INT NOT NULL,
    FOREIGN KEY (`order`) REFERENCES `order` (id)
);

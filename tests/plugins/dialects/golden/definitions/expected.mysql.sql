-- MySQL has no sequences: event.id, numbered by the sequence event_id_seq, is auto-numbered instead.
-- MySQL has no sequences: event.ticket, numbered by the sequence ticket_no, has no default.
-- Domain year: MySQL has no domains; its columns have its base type, without its checks.
-- Domain code: MySQL has no domains; its columns have its base type, without its checks.
-- function touch() is PostgreSQL's; MySQL DDL leaves it out.
-- function _concat(text, text) is PostgreSQL's; MySQL DDL leaves it out.
-- aggregate concat_codes(text) is PostgreSQL's; MySQL DDL leaves it out.
-- event: MySQL has no exclusion constraints; event_one_per_room is left out.
CREATE TABLE event (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    ticket INT NOT NULL,
    year INT,
    code VARCHAR(8) NOT NULL,
    room INT,
    updated TIMESTAMP
);

-- MySQL has no partial indexes: event_code_lower (WHERE year > 2000) is left out.
-- function latest_event() is PostgreSQL's; MySQL DDL leaves it out.
-- events per year
-- MySQL has no materialized views: busy_years is a plain view, without its indexes.
CREATE VIEW busy_years AS
SELECT year, count(*) AS events FROM event GROUP BY year;

-- Trigger event_touch on event is PostgreSQL's; MySQL DDL leaves it out.
CREATE VIEW busy_codes AS
SELECT year, events FROM busy_years WHERE events > 10;

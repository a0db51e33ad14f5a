CREATE DOMAIN year AS INTEGER
    CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);

COMMENT ON DOMAIN year IS 'a calendar year';

CREATE DOMAIN code AS VARCHAR(8) DEFAULT 'none'::character varying NOT NULL;

-- Routines come before the tables that use them; their bodies are checked when they run.
SET check_function_bodies = false;

CREATE FUNCTION public.touch() RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN NEW.updated := now(); RETURN NEW; END $function$;

COMMENT ON FUNCTION touch() IS 'sets updated';

CREATE FUNCTION public._concat(text, text) RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $function$;

CREATE AGGREGATE public.concat_codes(text) (
    SFUNC = public._concat,
    STYPE = text
);

COMMENT ON AGGREGATE concat_codes(text) IS 'joins codes';

CREATE SEQUENCE ticket_no AS integer START WITH 1000 INCREMENT BY 5 NO MINVALUE MAXVALUE 99999 CACHE 10 CYCLE;

COMMENT ON SEQUENCE ticket_no IS 'ticket numbers';

CREATE SEQUENCE event_id_seq AS bigint START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;

CREATE TABLE event (
    id BIGINT PRIMARY KEY DEFAULT nextval('event_id_seq'::regclass),
    ticket INTEGER NOT NULL DEFAULT nextval('ticket_no'::regclass),
    year year,
    code code NOT NULL,
    room INTEGER,
    updated TIMESTAMPTZ,
    CONSTRAINT event_one_per_room EXCLUDE USING btree (room WITH =)
);

CREATE INDEX event_code_lower ON event ((lower(code))) WHERE year > 2000;

ALTER SEQUENCE event_id_seq OWNED BY event.id;

CREATE FUNCTION public.latest_event() RETURNS SETOF event
 LANGUAGE sql
AS $function$ SELECT * FROM event ORDER BY id DESC LIMIT 1 $function$;

CREATE MATERIALIZED VIEW busy_years AS
SELECT year, count(*) AS events FROM event GROUP BY year;

CREATE UNIQUE INDEX busy_years_year ON busy_years (year);

COMMENT ON MATERIALIZED VIEW busy_years IS 'events per year';

CREATE VIEW busy_codes AS
SELECT year, events FROM busy_years WHERE events > 10;

CREATE TRIGGER event_touch BEFORE UPDATE ON public.event FOR EACH ROW EXECUTE FUNCTION public.touch();

COMMENT ON TRIGGER event_touch ON event IS 'stamps updated';

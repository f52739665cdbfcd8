-- The content release each session showed, beside the listing columns, so
-- a listing can mark sessions of an older major release without opening
-- the body (which may be sealed). Bodies written so far are plain JSON.
ALTER TABLE records ADD COLUMN content_version text NOT NULL DEFAULT '';

UPDATE records SET content_version = coalesce(convert_from(body, 'UTF8')::jsonb ->> 'content_version', '');

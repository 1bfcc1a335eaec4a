-- Open311 GeoReport v2: what a request brings beyond a case. The media_url is kept as the client
-- sent it (http or https, checked, never fetched by the server); the attribute answers are checked
-- against the service's definition.
create table open311_request (
    case_id     bigint        primary key references rectification_case (id),
    media_url   varchar(500),
    attributes  jsonb         not null default '{}'::jsonb
);

-- The elderly mode (长辈模式) a person chose while signed in, applied to any device they sign in on.
-- Null until they choose: a device's own choice then stays as it is.
alter table app_user add column elderly_mode boolean;

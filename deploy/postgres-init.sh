#!/bin/sh
# Run once by the postgres image on an empty data directory (compose.yaml mounts it into
# /docker-entrypoint-initdb.d): the two roles and the database of deploy/README.md, and the settings of
# deploy/postgresql.conf (mounted as /etc/postgresql/opendata.conf) included from the server's own file.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$OPENDATA_OWNER_PASSWORD" -v reader_password="$OPENDATA_READER_PASSWORD" <<'SQL'
CREATE ROLE opendata_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE opendata_reader LOGIN PASSWORD :'reader_password';
CREATE DATABASE opendata OWNER opendata_owner;
SQL
echo "include '/etc/postgresql/opendata.conf'" >>"$PGDATA/postgresql.conf"

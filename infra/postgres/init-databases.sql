-- One database and one login per service; each login owns its own database and can reach no other.
-- Run once by the PostgreSQL superuser (infra/compose.yaml mounts it into the image's init folder;
-- on Kubernetes the postgres-init Job runs it). Passwords come from psql variables:
--   psql -v account_password=... -v relationship_password=... -v supply_password=... -v insight_password=...
\set ON_ERROR_STOP on

create role account_service      login password :'account_password';
create role relationship_service login password :'relationship_password';
create role supply_service       login password :'supply_password';
create role insight_service      login password :'insight_password';

create database kam_account      owner account_service;
create database kam_relationship owner relationship_service;
create database kam_supply       owner supply_service;
create database kam_insight      owner insight_service;

-- PostgreSQL lets every role connect to every database by default (PUBLIC has CONNECT): take it away,
-- so a service's credentials open its own database only.
revoke connect, temporary on database kam_account, kam_relationship, kam_supply, kam_insight from public;
grant connect on database kam_account      to account_service;
grant connect on database kam_relationship to relationship_service;
grant connect on database kam_supply       to supply_service;
grant connect on database kam_insight      to insight_service;

-- Inside its database each service owns the public schema its migrations write to; nobody else may.
\connect kam_account
alter schema public owner to account_service;
revoke all on schema public from public;
\connect kam_relationship
alter schema public owner to relationship_service;
revoke all on schema public from public;
\connect kam_supply
alter schema public owner to supply_service;
revoke all on schema public from public;
\connect kam_insight
alter schema public owner to insight_service;
revoke all on schema public from public;

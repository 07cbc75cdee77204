-- 戦略マップ: a versioned directed graph per company and 年度. Every save appends a new version (the old ones
-- stay readable); nodes and edges belong to one version.
create table acc_strategy_map (
    tenant_id   uuid        not null references plat_tenant (id),
    id          uuid        not null,
    fiscal_year integer     not null check (fiscal_year between 1900 and 2999),
    version     integer     not null check (version >= 1),
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, fiscal_year, version)
);

create table acc_strategy_node (
    tenant_id uuid         not null,
    id        uuid         not null,
    map_id    uuid         not null,
    node_key  varchar(16)  not null,
    kind      varchar(20)  not null check (kind in ('MEASURE', 'PARTICIPATION', 'BEHAVIOUR', 'FINAL', 'HEALTH_ISSUE', 'MANAGEMENT_ISSUE')),
    label     varchar(100) not null,
    position  integer      not null,
    primary key (tenant_id, id),
    unique (tenant_id, map_id, node_key),
    foreign key (tenant_id, map_id) references acc_strategy_map (tenant_id, id) on delete cascade
);

create table acc_strategy_edge (
    tenant_id uuid        not null,
    id        uuid        not null,
    map_id    uuid        not null,
    from_key  varchar(16) not null,
    to_key    varchar(16) not null,
    primary key (tenant_id, id),
    unique (tenant_id, map_id, from_key, to_key),
    foreign key (tenant_id, map_id) references acc_strategy_map (tenant_id, id) on delete cascade
);

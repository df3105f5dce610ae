package org.kam.insight.intelligence;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisations reports come from, with their reliability (A–F) and group; owns
 * {@code source_organisation}. An organisation first named by a report starts at F (cannot be judged).
 */
@Service
public class SourceOrganisations {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SourceOrganisations(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Organisation(String name, Reliability reliability, String group) {
    }

    public List<Organisation> all() {
        return jdbc.query("select * from source_organisation order by lower(name)", (rs, row) -> organisation(rs));
    }

    public Optional<Organisation> find(String name) {
        return jdbc.query("select * from source_organisation where lower(name) = lower(?)", (rs, row) -> organisation(rs),
                name).stream().findFirst();
    }

    /** The organisation as stored, registered at F on first mention. */
    Organisation known(String name) {
        jdbc.update("""
                insert into source_organisation (name, reliability, updated_at) values (?, 'F', ?)
                on conflict ((lower(name))) do nothing""", name, Timestamp.from(clock.instant()));
        return find(name).orElseThrow();
    }

    @Transactional
    public Organisation save(String name, Reliability reliability, String group) {
        jdbc.update("""
                insert into source_organisation (name, reliability, group_name, updated_at) values (?, ?, ?, ?)
                on conflict ((lower(name))) do update set reliability = excluded.reliability,
                    group_name = excluded.group_name, updated_at = excluded.updated_at""",
                name, reliability.name(), group, Timestamp.from(clock.instant()));
        return find(name).orElseThrow();
    }

    private static Organisation organisation(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Organisation(rs.getString("name"), Reliability.valueOf(rs.getString("reliability")),
                rs.getString("group_name"));
    }
}

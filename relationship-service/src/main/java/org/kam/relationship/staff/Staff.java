package org.kam.relationship.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kam.chassis.messaging.InvalidEventException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The supplier's staff and who supervises whom; owns the {@code staff} table. */
@Service
public class Staff {

    private static final long HIERARCHY_LOCK = 0x6b616d_73746166L; // "kam" "staf"

    private final JdbcTemplate jdbc;

    Staff(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StaffMember> find(String id) {
        return jdbc.query("select * from staff where id = ?", Staff::member, id).stream().findFirst();
    }

    public List<StaffMember> all() {
        return jdbc.query("select * from staff order by id", Staff::member);
    }

    public List<StaffMember> executives() {
        return jdbc.query("select * from staff where executive order by id", Staff::member);
    }

    /**
     * Creates or replaces a staff member; true when created. The supervisor must exist and must
     * not be the member or anyone below them (a loop would send an escalation round for ever).
     */
    @Transactional
    public boolean save(StaffMember member) {
        if (member.supervisorId() != null) {
            // One hierarchy change at a time: two changes each checked on its own could close a loop together.
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, HIERARCHY_LOCK);
            if (find(member.supervisorId()).isEmpty()) {
                throw new InvalidEventException("supervisorId", "no staff member " + member.supervisorId());
            }
            if (hierarchy().wouldLoop(member.id(), member.supervisorId())) {
                throw new InvalidEventException("supervisorId", "would make a loop: " + member.id()
                        + " is already above " + member.supervisorId());
            }
        }
        return jdbc.queryForObject("""
                insert into staff (id, name, title, supervisor_id, executive, visit_budget, home_region, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, now())
                on conflict (id) do update set name = excluded.name, title = excluded.title,
                    supervisor_id = excluded.supervisor_id, executive = excluded.executive,
                    visit_budget = excluded.visit_budget, home_region = excluded.home_region, updated_at = now()
                returning (xmax = 0)""", Boolean.class, member.id(), member.name(), member.title(),
                member.supervisorId(), member.executive(), member.visitBudget(), member.homeRegion());
    }

    /** The whole staff hierarchy as it is now (a few thousand people at most: one query). */
    public Hierarchy<String> hierarchy() {
        Map<String, String> above = new HashMap<>();
        jdbc.query("select id, supervisor_id from staff where supervisor_id is not null",
                rs -> {
                    above.put(rs.getString(1), rs.getString(2));
                });
        return Hierarchy.of(above);
    }

    /** The staff member whose id or name is {@code reference} (the directory names owners in free text). */
    public Optional<StaffMember> byIdOrName(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("select * from staff where id = ? or lower(name) = lower(?) order by (id = ?) desc limit 1",
                Staff::member, reference, reference, reference).stream().findFirst();
    }

    private static StaffMember member(ResultSet rs, int row) throws SQLException {
        return new StaffMember(rs.getString("id"), rs.getString("name"), rs.getString("title"),
                rs.getString("supervisor_id"), rs.getBoolean("executive"), rs.getBigDecimal("visit_budget"),
                rs.getString("home_region"));
    }
}

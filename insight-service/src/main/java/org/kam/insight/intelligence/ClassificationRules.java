package org.kam.insight.intelligence;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People's rules for classifying reports; owns {@code classification_rule}. */
@Service
public class ClassificationRules {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ClassificationRules(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Classifier.Rule> all() {
        return jdbc.query("select * from classification_rule order by priority, id", (rs, row) -> new Classifier.Rule(
                rs.getObject("id", UUID.class), InformationClass.valueOf(rs.getString("information_class")),
                Arrays.asList((String[]) rs.getArray("keywords").getArray()), rs.getInt("priority")));
    }

    @Transactional
    public Classifier.Rule add(InformationClass informationClass, List<String> keywords, int priority) {
        UUID id = UUID.randomUUID();
        jdbc.update(con -> {
            var insert = con.prepareStatement("""
                    insert into classification_rule (id, information_class, keywords, priority, created_at)
                    values (?, ?, ?, ?, ?)""");
            insert.setObject(1, id);
            insert.setString(2, informationClass.name());
            insert.setArray(3, con.createArrayOf("text", keywords.toArray()));
            insert.setInt(4, priority);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            return insert;
        });
        return new Classifier.Rule(id, informationClass, List.copyOf(keywords), priority);
    }

    /** Removes a rule; items it classified keep their class (a rule change does not rewrite history). */
    @Transactional
    public void remove(UUID id) {
        if (jdbc.update("delete from classification_rule where id = ?", id) == 0) {
            throw new NotFoundException("No classification rule " + id);
        }
    }
}

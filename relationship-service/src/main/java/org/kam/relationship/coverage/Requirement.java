package org.kam.relationship.coverage;

import java.util.Locale;

import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.contact.Level;

/**
 * One line of a coverage checklist: someone at a level, someone in a role, or someone in a role at
 * a level. Written in configuration as {@code LEVEL}, {@code ROLE} or {@code LEVEL:ROLE}, e.g.
 * {@code EXECUTIVE:DECISION_MAKER}, {@code WAREHOUSE_KEEPER}, {@code FRONTLINE}.
 */
public record Requirement(Level level, String role) {

    public static Requirement parse(String text) {
        String[] parts = text.strip().toUpperCase(Locale.ROOT).split(":", -1);
        if (parts.length == 2) {
            return new Requirement(level(parts[0], text), role(parts[1], text));
        }
        if (parts.length != 1) {
            throw new IllegalArgumentException("A coverage requirement is LEVEL, ROLE or LEVEL:ROLE, was '" + text + "'");
        }
        for (Level level : Level.values()) {
            if (level.name().equals(parts[0])) {
                return new Requirement(level, null);
            }
        }
        return new Requirement(null, role(parts[0], text));
    }

    boolean metBy(AccountContact contact) {
        return (level == null || contact.level() == level) && (role == null || contact.roles().contains(role));
    }

    /** As configured: LEVEL, ROLE or LEVEL:ROLE; the key of the requirement in events and the API. */
    @Override
    public String toString() {
        return level == null ? role : role == null ? level.name() : level.name() + ":" + role;
    }

    private static Level level(String name, String text) {
        try {
            return Level.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown level in coverage requirement '" + text + "'");
        }
    }

    private static String role(String name, String text) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("A coverage requirement needs a role or a level: '" + text + "'");
        }
        return name;
    }
}

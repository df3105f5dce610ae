package org.kam.relationship.contact;

/** A contact to add; blank optional fields are stored as absent. */
public record NewContact(String name, Level level, String role, String email, String phone) {

    public NewContact {
        role = blankToNull(role);
        email = blankToNull(email);
        phone = blankToNull(phone);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

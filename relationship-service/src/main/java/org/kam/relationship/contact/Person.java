package org.kam.relationship.contact;

/** Who a contact is and how to reach them; blank optional fields are stored as absent. */
public record Person(String name, String email, String phone) {

    public Person {
        name = name == null ? null : name.strip();
        email = blankToNull(email);
        phone = blankToNull(phone);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

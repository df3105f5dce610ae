package org.kam.account.importing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A CSV row as a customer of the directory, with every problem of the row named. */
final class CustomerRows {

    static final String[] COLUMNS = { "id", "name", "industry", "region", "parentId", "openedOn", "owner",
            "financialStrength", "coreCompetence", "growthPotential" };

    record Customer(String id, String name, String industry, String region, String parentId, LocalDate openedOn,
            String owner, Integer financialStrength, Integer coreCompetence, Integer growthPotential) {
    }

    private final LocalDate today;

    CustomerRows(LocalDate today) {
        this.today = today;
    }

    /** The customer, or the errors of the row (never both). */
    Customer read(CsvFile.Row row, List<RowError> errors) {
        int before = errors.size();
        String id = required(row, "id", 64, errors);
        String name = required(row, "name", 200, errors);
        String industry = optional(row, "industry", 100, errors);
        String region = optional(row, "region", 100, errors);
        String parentId = optional(row, "parentId", 64, errors);
        if (parentId != null && parentId.equals(id)) {
            errors.add(new RowError(row.number(), "parentId", "an account cannot be its own parent"));
        }
        LocalDate openedOn = null;
        String opened = row.get("openedOn");
        if (opened != null) {
            try {
                openedOn = LocalDate.parse(opened);
                if (openedOn.isAfter(today)) {
                    errors.add(new RowError(row.number(), "openedOn", "must not be in the future, was " + opened));
                }
            } catch (DateTimeParseException e) {
                errors.add(new RowError(row.number(), "openedOn", "must be an ISO date such as 2019-04-01, was '" + opened + "'"));
            }
        }
        String owner = optional(row, "owner", 200, errors);
        Integer financialStrength = score(row, "financialStrength", errors);
        Integer coreCompetence = score(row, "coreCompetence", errors);
        Integer growthPotential = score(row, "growthPotential", errors);
        if (errors.size() > before) {
            return null;
        }
        return new Customer(id, name, industry, region, parentId, openedOn, owner, financialStrength, coreCompetence,
                growthPotential);
    }

    static List<RowError> newErrors() {
        return new ArrayList<>();
    }

    private static String required(CsvFile.Row row, String column, int maxLength, List<RowError> errors) {
        String value = row.get(column);
        if (value == null) {
            errors.add(new RowError(row.number(), column, "is required"));
            return null;
        }
        return checkLength(row, column, value, maxLength, errors);
    }

    private static String optional(CsvFile.Row row, String column, int maxLength, List<RowError> errors) {
        String value = row.get(column);
        return value == null ? null : checkLength(row, column, value, maxLength, errors);
    }

    private static String checkLength(CsvFile.Row row, String column, String value, int maxLength, List<RowError> errors) {
        if (value.length() > maxLength) {
            errors.add(new RowError(row.number(), column, "must be at most " + maxLength + " characters"));
        }
        return value;
    }

    private static Integer score(CsvFile.Row row, String column, List<RowError> errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            int score = Integer.parseInt(value);
            if (score < 1 || score > 5) {
                errors.add(new RowError(row.number(), column, "must be from 1 to 5, was " + value));
            }
            return score;
        } catch (NumberFormatException e) {
            errors.add(new RowError(row.number(), column, "must be a whole number from 1 to 5, was '" + value + "'"));
            return null;
        }
    }
}

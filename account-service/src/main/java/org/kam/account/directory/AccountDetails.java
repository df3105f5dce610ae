package org.kam.account.directory;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the supplier keeps about a customer, as written to the directory: everything but its
 * standing, which the sales decide.
 *
 * @param id       the supplier's customer code
 * @param parentId the account above it in the customer's group; null at the top
 * @param owner    the supplier's staff member responsible for the account (free text)
 */
public record AccountDetails(String id, String name, String industry, String region, String parentId,
        LocalDate openedOn, String owner, Integer financialStrength, Integer coreCompetence, Integer growthPotential) {

    boolean sameAssessmentAs(Integer otherFinancialStrength, Integer otherCoreCompetence,
            Integer otherGrowthPotential) {
        return Objects.equals(financialStrength, otherFinancialStrength)
                && Objects.equals(coreCompetence, otherCoreCompetence)
                && Objects.equals(growthPotential, otherGrowthPotential);
    }
}

package org.kam.insight.digest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/** The digest in words, as MANAGEMENT's notification carries it. Pure. */
final class DigestText {

    private DigestText() {
    }

    static String of(Digest d) {
        StringBuilder text = new StringBuilder("Digest ").append(d.revenueFrom().toString(), 0, 10).append(" to ")
                .append(d.revenueTo().toString(), 0, 10).append(": key accounts ").append(amount(d.keyAccountRevenue()))
                .append(" of ").append(amount(d.totalRevenue()));
        if (d.keyAccountShare() != null) {
            text.append(" (").append(d.keyAccountShare().movePointRight(2).setScale(1, RoundingMode.HALF_UP)).append(" %)");
        }
        if (d.keyAccountChange() != null) {
            text.append(", ").append(d.keyAccountChange().signum() >= 0 ? "+" : "").append(d.keyAccountChange())
                    .append(" % on the period before");
        }
        text.append(". ");
        if (!d.newKeyAccounts().isEmpty()) {
            text.append("New key accounts: ").append(String.join(", ", d.newKeyAccounts())).append(". ");
        }
        if (!d.lostKeyAccounts().isEmpty()) {
            text.append("No longer key: ").append(String.join(", ", d.lostKeyAccounts())).append(". ");
        }
        if (d.marketSignals().isEmpty()) {
            text.append("No market signals. ");
        } else {
            text.append("Market signals: ").append(d.marketSignals().stream()
                    .map(s -> (s.accountId() != null ? s.accountId() : "product line " + s.productLine()) + " " + s.kind() + " in the week of " + s.weekStart() + " (" + amount(s.value())
                            + " against " + amount(s.baseline()) + ")")
                    .collect(Collectors.joining("; "))).append(". ");
        }
        text.append("Key-account stock-outs: ").append(d.stockOuts()).append(".");
        List<Digest.OpenAlert> alerts = d.openAlerts() == null ? List.of() : d.openAlerts();
        if (alerts.isEmpty()) {
            text.append(" No open relationship alerts.");
        } else {
            text.append(" Open relationship alerts: ").append(alerts.stream().map(alert -> alert.kind().equals("KEY_DATE")
                    ? alert.accountId() + " key date " + alert.occursOn() + " (" + alert.title() + ")"
                            + (alert.level() > 0 ? ", escalated to level " + alert.level() : "")
                    : alert.accountId() + " " + alert.title()).collect(Collectors.joining("; "))).append(".");
        }
        if (d.overdueActions() > 0) {
            text.append(" Actions overdue: ").append(d.overdueActions()).append(".");
        }
        return text.toString();
    }

    private static String amount(BigDecimal amount) {
        return amount == null ? "0" : amount.setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
}

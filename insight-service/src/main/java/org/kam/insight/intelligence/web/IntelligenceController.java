package org.kam.insight.intelligence.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.kam.chassis.messaging.Enums;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.security.Roles;
import org.kam.chassis.web.NotFoundException;
import org.kam.insight.intelligence.ClassificationRules;
import org.kam.insight.intelligence.Classifier;
import org.kam.insight.intelligence.ExpertAssessments;
import org.kam.insight.intelligence.InformationClass;
import org.kam.insight.intelligence.IntelligenceRegister;
import org.kam.insight.intelligence.Item;
import org.kam.insight.intelligence.Reliability;
import org.kam.insight.intelligence.Report;
import org.kam.insight.intelligence.SourceOrganisations;
import org.kam.insight.intelligence.Standing;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intelligence register: anyone on the staff files reports and reads items; analysts and leads
 * keep the sources' reliability and the classification rules, and reject what is false.
 */
@RestController
@Validated
@RequestMapping("/api/v1/intelligence")
class IntelligenceController {

    static final int MAX_IMPORT_LINES = 5_000;
    static final List<String> CSV_COLUMNS = List.of("source", "sourceOrganisation", "reportedOn", "accounts", "productLines",
            "title", "text", "link", "contradicts");
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).get();
    static final String NUMBER = "INT-\\d{4}-\\d{6}";

    private final IntelligenceRegister register;
    private final SourceOrganisations organisations;
    private final ClassificationRules rules;
    private final Validator validator;
    private final JsonMapper json;
    private final Clock clock;
    private final ExpertAssessments expertAssessments;

    IntelligenceController(IntelligenceRegister register, SourceOrganisations organisations, ClassificationRules rules,
            ExpertAssessments expertAssessments, Validator validator, JsonMapper json, Clock clock) {
        this.register = register;
        this.organisations = organisations;
        this.rules = rules;
        this.expertAssessments = expertAssessments;
        this.validator = validator;
        this.json = json;
        this.clock = clock;
    }

    /** Files a report; the answer is the item it became part of (201 when new, 200 when merged into one). */
    @PreAuthorize(Roles.STAFF)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IntelligenceRegister.Filed> file(@Valid @RequestBody ReportRequest report, Principal caller) {
        IntelligenceRegister.Filed filed = register.file(report.report(today(), caller.getName()));
        return ResponseEntity.status(filed.merged() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/intelligence/" + filed.item().number())).body(filed);
    }

    /**
     * Files many reports, one JSON object per line (at most 5,000 lines, 256 KB). Every line is
     * checked first; a file with a bad line is rejected whole, naming each bad line and field.
     */
    @PreAuthorize(Roles.STAFF)
    @PostMapping(path = "/import", consumes = { "application/x-ndjson", "application/jsonl", MediaType.TEXT_PLAIN_VALUE })
    ResponseEntity<ImportResult> importLines(@RequestBody String body, Principal caller) {
        List<String> lines = body.lines().filter(line -> !line.isBlank()).toList();
        checkCount(lines.size());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                rows.add(new Row(i + 1, json.readValue(lines.get(i), ReportRequest.class), List.of()));
            } catch (JacksonException e) {
                rows.add(new Row(i + 1, null, List.of(new RowError(i + 1, "$", "is not a JSON object of a report: "
                        + e.getOriginalMessage()))));
            }
        }
        return fileAll(rows, caller);
    }

    /**
     * Files many reports from a CSV file (RFC 4180, a header line naming the columns: source,
     * sourceOrganisation, reportedOn, accounts, productLines, title, text, link, contradicts; several
     * accounts or product lines separated by {@code ;}). The same limits and checks as JSON lines;
     * a row's line is its line in the file (the header is line 1).
     */
    @PreAuthorize(Roles.STAFF)
    @PostMapping(path = "/import", consumes = "text/csv")
    ResponseEntity<ImportResult> importCsv(@RequestBody String body, Principal caller) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSV.parse(new java.io.StringReader(body))) {
            List<String> unknown = parser.getHeaderNames().stream().filter(name -> !CSV_COLUMNS.contains(name)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidEventException(unknown.get(0), "is not a column of a report; the columns are "
                        + String.join(", ", CSV_COLUMNS));
            }
            int line = 1;
            for (CSVRecord record : parser) {
                line++;
                if (rows.size() >= MAX_IMPORT_LINES) {
                    checkCount(rows.size() + 1);
                }
                try {
                    rows.add(new Row(line, new ReportRequest(value(record, "source"), value(record, "sourceOrganisation"),
                            value(record, "reportedOn") == null ? null : LocalDate.parse(value(record, "reportedOn")),
                            list(record, "accounts"), list(record, "productLines"), value(record, "title"),
                            value(record, "text"), value(record, "link"), value(record, "contradicts")), List.of()));
                } catch (java.time.format.DateTimeParseException e) {
                    rows.add(new Row(line, null, List.of(new RowError(line, "reportedOn",
                            "must be an ISO-8601 date such as 2026-03-02, was '" + value(record, "reportedOn") + "'"))));
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidEventException("body", "is not a CSV file with a header line: " + e.getMessage());
        }
        checkCount(rows.size());
        return fileAll(rows, caller);
    }

    /** Checks every row, then files all of them, or none when any is bad. */
    private ResponseEntity<ImportResult> fileAll(List<Row> rows, Principal caller) {
        List<RowError> errors = new ArrayList<>();
        for (Row row : rows) {
            errors.addAll(row.errors());
            if (row.report() == null) {
                continue;
            }
            for (ConstraintViolation<ReportRequest> violation : validator.validate(row.report())) {
                errors.add(new RowError(row.line(), violation.getPropertyPath().toString(), violation.getMessage()));
            }
            if (row.report().reportedOn() != null && row.report().reportedOn().isAfter(today())) {
                errors.add(new RowError(row.line(), "reportedOn", "must not be in the future"));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(RowError::line).thenComparing(RowError::field));
            return ResponseEntity.badRequest().body(new ImportResult(0, 0, errors));
        }
        int merged = 0;
        for (Row row : rows) {
            merged += register.file(row.report().report(today(), caller.getName())).merged() ? 1 : 0;
        }
        return ResponseEntity.ok(new ImportResult(rows.size(), merged, List.of()));
    }

    private static void checkCount(int reports) {
        if (reports == 0) {
            throw new InvalidEventException("body", "must hold at least one report");
        }
        if (reports > MAX_IMPORT_LINES) {
            throw new InvalidEventException("body", "must hold at most " + MAX_IMPORT_LINES + " reports, had more");
        }
    }

    private static String value(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column).strip();
        return value.isEmpty() ? null : value;
    }

    private static List<String> list(CSVRecord record, String column) {
        String value = value(record, column);
        return value == null ? List.of()
                : java.util.Arrays.stream(value.split(";")).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    /** A report read from one line of an import, or what made it unreadable. */
    private record Row(int line, ReportRequest report, List<RowError> errors) {
    }

    /** Items, newest first: by account, class, credibility (this or better), standing, text; 0-based pages. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    IntelligenceRegister.Page search(@RequestParam(required = false) @Size(max = 64) String account,
            @RequestParam(name = "class", required = false) String informationClass,
            @RequestParam(required = false) @Min(1) @Max(6) Integer credibility,
            @RequestParam(required = false) String standing,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return register.search(blankToNull(account), Enums.parseOptional(InformationClass.class, "class", informationClass),
                credibility, Enums.parseOptional(Standing.class, "standing", standing), blankToNull(q), page, size);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{number}")
    Item get(@PathVariable @Pattern(regexp = NUMBER, message = "must be an item number such as INT-2026-000042") String number) {
        return register.byNumber(number).orElseThrow(() -> new NotFoundException("No intelligence item " + number));
    }

    @PreAuthorize(Roles.ANALYSTS)
    @PostMapping(path = "/{number}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    Item reject(@PathVariable @Pattern(regexp = NUMBER, message = "must be an item number such as INT-2026-000042") String number, @Valid @RequestBody Rejection rejection) {
        return register.reject(number, rejection.reason().strip());
    }

    /** Asks a manager or expert (a staff id) to assess the item: impact, effect on demand, reaction. */
    @PreAuthorize(Roles.ANALYSTS)
    @PostMapping(path = "/{number}/assignments", consumes = MediaType.APPLICATION_JSON_VALUE)
    Item assign(@PathVariable @Pattern(regexp = NUMBER, message = "must be an item number such as INT-2026-000042") String number,
            @Valid @RequestBody AssignmentRequest request, Principal caller) {
        Item item = existing(number);
        expertAssessments.assign(item.id(), request.expert(), caller.getName());
        return existing(number);
    }

    /** The caller's assessment of the item (one per person; a second replaces the first). */
    @PreAuthorize(Roles.STAFF)
    @PutMapping(path = "/{number}/assessment", consumes = MediaType.APPLICATION_JSON_VALUE)
    Item assess(@PathVariable @Pattern(regexp = NUMBER, message = "must be an item number such as INT-2026-000042") String number,
            @Valid @RequestBody AssessmentRequest request, Principal caller) {
        Item item = existing(number);
        expertAssessments.assess(item.id(), caller.getName(),
                Enums.parse(ExpertAssessments.Impact.class, "impact", request.impact()),
                Enums.parse(ExpertAssessments.DemandEffect.class, "demandEffect", request.demandEffect()),
                request.reaction().strip());
        return existing(number);
    }

    private Item existing(String number) {
        return register.byNumber(number).orElseThrow(() -> new NotFoundException("No intelligence item " + number));
    }

    /** @param expert the staff id of the manager or expert asked */
    record AssignmentRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a staff id of at most 64 letters, digits, '.', '_' or '-'") String expert) {
    }

    /**
     * @param impact       LOW, MEDIUM or HIGH
     * @param demandEffect STRONG_DECREASE, DECREASE, NONE, INCREASE or STRONG_INCREASE
     * @param reaction     what the expert recommends doing
     */
    record AssessmentRequest(@NotBlank String impact, @NotBlank String demandEffect,
            @NotBlank @Size(max = 2000) String reaction) {
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/sources")
    List<SourceOrganisations.Organisation> sources() {
        return organisations.all();
    }

    /** An organisation's reliability (A–F) and group; every item it reported is judged again. */
    @PreAuthorize(Roles.ANALYSTS)
    @PutMapping(path = "/sources/{organisation}", consumes = MediaType.APPLICATION_JSON_VALUE)
    SourceOrganisations.Organisation source(@PathVariable @Size(max = 200) String organisation,
            @Valid @RequestBody SourceRequest source) {
        SourceOrganisations.Organisation saved = organisations.save(organisation.strip(),
                Reliability.valueOf(source.reliability()), blankToNull(source.group()));
        register.reassessReportedBy(saved.name());
        return saved;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/rules")
    List<Classifier.Rule> rules() {
        return rules.all();
    }

    @PreAuthorize(Roles.ANALYSTS)
    @PostMapping(path = "/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Classifier.Rule> addRule(@Valid @RequestBody RuleRequest rule) {
        Classifier.Rule added = rules.add(Enums.parse(InformationClass.class, "informationClass", rule.informationClass()),
                rule.keywords().stream().map(String::strip).toList(), rule.priority());
        return ResponseEntity.created(URI.create("/api/v1/intelligence/rules/" + added.id())).body(added);
    }

    @PreAuthorize(Roles.ANALYSTS)
    @DeleteMapping("/rules/{ruleId}")
    ResponseEntity<Void> removeRule(@PathVariable UUID ruleId) {
        rules.remove(ruleId);
        return ResponseEntity.noContent().build();
    }

    record ReportRequest(
            @NotBlank @Size(max = 200) String source,
            @NotBlank @Size(max = 200) String sourceOrganisation,
            @NotNull LocalDate reportedOn,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> accounts,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> productLines,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 20_000) String text,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String link,
            @Pattern(regexp = NUMBER, message = "must be an item number such as INT-2026-000042") String contradicts) {

        Report report(LocalDate today, String filedBy) {
            if (reportedOn.isAfter(today)) {
                throw new InvalidEventException("reportedOn", "must not be in the future (today is " + today + ")");
            }
            return new Report(source.strip(), sourceOrganisation.strip(), reportedOn, accounts, productLines,
                    title.strip(), blankToNull(text), blankToNull(link), contradicts, filedBy);
        }
    }

    record ImportResult(int filed, int merged, List<RowError> errors) {
    }

    record RowError(int line, String field, String message) {
    }

    record Rejection(@NotBlank @Size(max = 2000) String reason) {
    }

    record SourceRequest(
            @NotNull @Pattern(regexp = "[A-F]", message = "must be one of A, B, C, D, E, F") String reliability,
            @Size(max = 200) String group) {
    }

    record RuleRequest(
            @NotNull String informationClass,
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 100) String> keywords,
            @Min(0) @Max(10_000) int priority) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

package org.kam.account.importing.web;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kam.account.importing.ImportJob;
import org.kam.account.importing.ImportKind;
import org.kam.account.importing.Importer;
import org.kam.chassis.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.kam.chassis.security.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * CSV uploads: the body is the file (text/csv). The answer is 202 with the job; follow its
 * Location for progress and the per-row error report.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private final Importer importer;

    ImportController(Importer importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/customers", consumes = { "text/csv", "application/octet-stream" })
    @PreAuthorize("hasAnyRole('KAM', 'ADMIN')")
    ResponseEntity<Map<String, Object>> customers(InputStream body,
            @RequestParam(required = false) String fileName, Authentication caller) {
        return accepted(importer.start(ImportKind.CUSTOMERS, fileName, body, caller.getName()));
    }

    @PostMapping(path = "/sales", consumes = { "text/csv", "application/octet-stream" })
    @PreAuthorize("hasAnyRole('SALES', 'ADMIN')")
    ResponseEntity<Map<String, Object>> sales(InputStream body,
            @RequestParam(required = false) String fileName, Authentication caller) {
        return accepted(importer.start(ImportKind.SALES, fileName, body, caller.getName()));
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{id}")
    Map<String, Object> job(@PathVariable UUID id) {
        return view(importer.find(id).orElseThrow(() -> new NotFoundException("No import " + id)));
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Map<String, Object>> recent(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return importer.recent(limit).stream().map(ImportController::view).toList();
    }

    private static ResponseEntity<Map<String, Object>> accepted(ImportJob job) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(view(job));
    }

    private static Map<String, Object> view(ImportJob job) {
        var view = new java.util.LinkedHashMap<String, Object>();
        view.put("id", job.id());
        view.put("kind", job.kind());
        view.put("status", job.status());
        view.put("fileName", job.fileName());
        view.put("progress", Math.round(job.progress() * 1000) / 1000.0);
        view.put("totalRows", job.totalRows());
        view.put("checkedRows", job.checkedRows());
        view.put("importedRows", job.importedRows());
        view.put("errorCount", job.errorCount());
        view.put("errors", job.errors());
        view.put("message", job.message());
        view.put("createdBy", job.createdBy());
        view.put("createdAt", job.createdAt());
        view.put("finishedAt", job.finishedAt());
        return view;
    }
}

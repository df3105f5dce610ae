package org.kam.chassis.replay.web;

import java.time.Instant;
import java.util.Set;

import org.kam.chassis.replay.Replay;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Replays this service's input topics from a point in time (see {@link Replay}). ADMIN only; every
 * service has it. {@code ./kam replay SERVICE --from TIME} calls it on the local stack.
 */
@RestController
@Validated
@RequestMapping("/api/v1/operations/replay")
public class ReplayController {

    private final Replay replay;

    public ReplayController(Replay replay) {
        this.replay = replay;
    }

    /** @param topics empty: every topic the service consumes */
    public record ReplayRequest(@NotNull Instant from,
            @Size(max = 50) Set<@Pattern(regexp = "[A-Za-z0-9._-]{1,249}") String> topics) {
    }

    public record InputTopics(Set<String> topics) {
    }

    @GetMapping("/topics")
    @PreAuthorize("hasRole('ADMIN')")
    public InputTopics topics() {
        return new InputTopics(replay.topics());
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    public Replay.Result replay(@Valid @RequestBody ReplayRequest request) {
        return replay.rewind(request.from(), request.topics() == null ? Set.of() : request.topics());
    }
}

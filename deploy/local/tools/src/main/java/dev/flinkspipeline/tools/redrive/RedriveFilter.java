package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.tools.kafka.TimeWindow;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which failed logins to look at: by PipelineFailed reason and stage (empty: any), time window and loginId
 * (null: any). Applied to each login's latest failure only.
 */
public record RedriveFilter(Set<String> reasons, Set<FailureStage> stages, TimeWindow window, String loginId) {

    public static final RedriveFilter ALL = new RedriveFilter(Set.of(), Set.of(), TimeWindow.ALL, null);

    public RedriveFilter {
        reasons = reasons.stream().map(r -> r.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        stages = Set.copyOf(stages);
        loginId = loginId == null || loginId.isBlank() ? null : loginId.trim();
    }

    public boolean matches(FailedLogin failure) {
        return (reasons.isEmpty() || reasons.contains(failure.reason().toUpperCase(Locale.ROOT)))
                && (stages.isEmpty() || stages.contains(failure.stage()))
                && window.contains(failure.at())
                && (loginId == null || loginId.equalsIgnoreCase(failure.loginId()));
    }

    /** {@code --stage S[,S2]}: PipelineFailed stages, any case; an unknown one is an error naming the valid ones. */
    public static Set<FailureStage> stages(Set<String> names) {
        Set<FailureStage> stages = EnumSet.noneOf(FailureStage.class);
        for (String name : names) {
            try {
                stages.add(FailureStage.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown stage '" + name + "'; stages are " + Arrays.toString(FailureStage.values()));
            }
        }
        return stages;
    }
}

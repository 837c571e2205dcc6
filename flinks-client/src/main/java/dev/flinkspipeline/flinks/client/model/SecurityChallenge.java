package dev.flinkspipeline.flinks.client.model;

import java.util.List;

/**
 * One MFA challenge of an {@code /Authorize} 203. Answer it in {@code SecurityResponses} keyed by the exact
 * {@link #prompt()}.
 *
 * @param type      e.g. {@code QuestionAndAnswer}, {@code MultipleChoice}, {@code TextOrCall}
 * @param iterables the choices, for multiple-choice types (empty otherwise)
 */
public record SecurityChallenge(String type, String prompt, List<String> iterables) {

    public SecurityChallenge {
        iterables = Extras.list(iterables);
    }
}

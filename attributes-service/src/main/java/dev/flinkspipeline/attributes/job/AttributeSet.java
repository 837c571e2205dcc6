package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.CustomAttributesRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The configured Attributes to fetch: one use-case endpoint, or a custom selection sent with the POST endpoint
 * (with an optional account category filter and an AccountFilter built from the AccountsReady accounts).
 *
 * @param name         the name carried in AttributesReady.attributeSet, e.g. {@code UserAnalysis} or {@code Custom}
 * @param useCase      the use-case endpoint, or null for a custom set
 * @param accountTypes account types or categories the AccountFilter keeps (any when empty), matched ignoring case
 */
public record AttributeSet(
        String name,
        AttributesUseCase useCase,
        List<String> customAttributes,
        List<String> accountCategories,
        boolean filterAccounts,
        List<String> accountTypes,
        List<String> attributesDetail) {

    public static final String CUSTOM = "Custom";

    /** Blank entries dropped, the others trimmed; account types lower-cased. */
    public AttributeSet {
        customAttributes = clean(customAttributes);
        accountCategories = clean(accountCategories);
        accountTypes = clean(accountTypes).stream()
                .map(t -> t.toLowerCase(Locale.ROOT))
                .toList();
        attributesDetail = clean(attributesDetail);
    }

    /** A use-case endpoint by its Flinks name (UserAnalysis, Lending, CreditRisk, Income, All, ...). */
    public static AttributeSet useCase(String name) {
        return parse(name, List.of(), List.of(), false, List.of(), List.of());
    }

    /** From configuration; an unknown name, or Custom without attributes, is refused. */
    public static AttributeSet parse(
            String name,
            List<String> customAttributes,
            List<String> accountCategories,
            boolean filterAccounts,
            List<String> accountTypes,
            List<String> attributesDetail) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("attributes.attribute-set is required");
        }
        String key = normalize(name);
        if (key.equals(normalize(CUSTOM))) {
            var custom = new AttributeSet(
                    CUSTOM, null, customAttributes, accountCategories, filterAccounts, accountTypes, attributesDetail);
            if (custom.customAttributes().isEmpty()) {
                throw new IllegalArgumentException(
                        "attributes.attribute-set=Custom needs attributes.custom.attributes (attribute names)");
            }
            return custom;
        }
        for (AttributesUseCase candidate : AttributesUseCase.values()) {
            if (normalize(candidate.name()).equals(key)
                    || normalize(candidate.endpoint()).equals(key)
                    || normalize(displayName(candidate)).equals(key)) {
                return new AttributeSet(
                        displayName(candidate), candidate, List.of(), List.of(), false, List.of(), List.of());
            }
        }
        List<String> known = Stream.concat(
                        Arrays.stream(AttributesUseCase.values()).map(AttributeSet::displayName), Stream.of(CUSTOM))
                .toList();
        throw new IllegalArgumentException("unknown attribute set '" + name + "'; one of " + known);
    }

    /** {@code GetUserAnalysisAttributes} → {@code UserAnalysis}. */
    static String displayName(AttributesUseCase useCase) {
        String endpoint = useCase.endpoint();
        return endpoint.substring("Get".length(), endpoint.length() - "Attributes".length());
    }

    public boolean isCustom() {
        return useCase == null;
    }

    /**
     * The AccountFilter for this AccountsReady: empty unless a custom set filters accounts. A part of a split
     * snapshot names every account of the snapshot in its part metadata: the filter covers them all.
     */
    public List<String> accountIdsFor(AccountsReady accountsReady) {
        if (!isCustom() || !filterAccounts) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        var part = accountsReady.getPart();
        if (part != null) {
            part.getSnapshotAccounts().forEach(a -> add(ids, a.getId(), a.getType(), a.getCategory()));
        } else {
            accountsReady.getAccounts().forEach(a -> add(ids, a.getId(), a.getType(), a.getCategory()));
        }
        return ids;
    }

    private void add(List<String> ids, String id, String type, String category) {
        if (id != null && !id.isBlank() && (accountTypes.isEmpty() || matches(type) || matches(category))) {
            ids.add(id);
        }
    }

    private boolean matches(String value) {
        return value != null && accountTypes.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** The POST body of a custom set for these account ids. */
    public CustomAttributesRequest customRequest(List<String> accountIds) {
        boolean filtered = accountIds != null && !accountIds.isEmpty();
        // Flinks documents AccountFilter as requiring Filters too; Operations is its only category.
        List<String> categories = filtered && accountCategories.isEmpty() ? List.of("Operations") : accountCategories;
        CustomAttributesRequest.Builder b = CustomAttributesRequest.builder().attributes(customAttributes);
        if (!categories.isEmpty()) {
            b.accountCategories(categories);
        }
        if (filtered) {
            b.accountIds(accountIds);
        }
        if (!attributesDetail.isEmpty()) {
            b.attributesDetail(attributesDetail);
        }
        return b.build();
    }

    private static List<String> clean(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(Objects::nonNull)
                        .map(String::trim)
                        .filter(v -> !v.isEmpty())
                        .toList();
    }

    private static String normalize(String text) {
        return text.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
    }
}

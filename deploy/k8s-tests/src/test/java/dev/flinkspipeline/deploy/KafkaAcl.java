package dev.flinkspipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** One ACL of a KafkaUser: resource type, name, pattern type, operations. */
record KafkaAcl(String type, String name, String patternType, Set<String> operations) {

    static List<KafkaAcl> of(JsonNode kafkaUser) {
        return StreamSupport.stream(
                        kafkaUser
                                .path("spec")
                                .path("authorization")
                                .path("acls")
                                .spliterator(),
                        false)
                .map(KafkaAcl::from)
                .toList();
    }

    private static KafkaAcl from(JsonNode acl) {
        JsonNode r = acl.path("resource");
        Set<String> ops = new TreeSet<>();
        acl.path("operations").forEach(o -> ops.add(o.asText()));
        if (acl.has("operation")) {
            ops.add(acl.path("operation").asText());
        }
        // Strimzi's defaults: literal pattern, allow.
        if (acl.has("type") && !"allow".equals(acl.path("type").asText())) {
            throw new AssertionError("only allow ACLs are expected: " + acl);
        }
        return new KafkaAcl(
                r.path("type").asText(),
                r.path("name").asText(),
                r.path("patternType").asText("literal"),
                ops);
    }

    /** Whether this ACL's resource covers {@code resourceName}. */
    boolean covers(String resourceName) {
        return "prefix".equals(patternType) ? resourceName.startsWith(name) : resourceName.equals(name);
    }
}

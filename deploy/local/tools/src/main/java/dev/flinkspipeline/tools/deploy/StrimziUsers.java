package dev.flinkspipeline.tools.deploy;

import dev.flinkspipeline.schemas.plan.Acl;
import dev.flinkspipeline.schemas.plan.ClientAccess;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** deploy/k8s/base/kafka/users.yaml: one Strimzi KafkaUser (SCRAM-SHA-512) per principal of the access plan. */
final class StrimziUsers {

    static final String PATH = "deploy/k8s/base/kafka/users.yaml";

    private StrimziUsers() {}

    static String render(List<ClientAccess> principals, String cluster) {
        StringBuilder out = new StringBuilder(GeneratedHeader.yaml());
        out.append("# One SCRAM-SHA-512 principal per client with only the ACLs it needs. The user operator writes")
                .append(" each\n# user's password and ready-made sasl.jaas.config into a Secret of the user's name.\n");
        for (ClientAccess client : principals) {
            out.append("---\n");
            Comments.wrap(client.purpose(), out);
            out.append("apiVersion: kafka.strimzi.io/v1beta2\n");
            out.append("kind: KafkaUser\n");
            out.append("metadata:\n");
            out.append("  name: ").append(client.principal()).append('\n');
            out.append("  labels:\n");
            out.append("    strimzi.io/cluster: ").append(cluster).append('\n');
            out.append("spec:\n");
            out.append("  authentication:\n");
            out.append("    type: scram-sha-512\n");
            out.append("  authorization:\n");
            out.append("    type: simple\n");
            out.append("    acls:\n");
            for (Acl acl : client.acls()) {
                out.append("      - resource:\n");
                out.append("          type: ")
                        .append(resourceType(acl.resource()))
                        .append('\n');
                out.append("          name: ").append(acl.name()).append('\n');
                out.append("          patternType: ")
                        .append(acl.prefix() ? "prefix" : "literal")
                        .append('\n');
                out.append("        operations: [")
                        .append(acl.orderedOperations().stream()
                                .map(StrimziUsers::operation)
                                .collect(Collectors.joining(", ")))
                        .append("]\n");
            }
        }
        return out.toString();
    }

    static String resourceType(Acl.Resource resource) {
        return switch (resource) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
        };
    }

    static String operation(Acl.Operation operation) {
        String name = operation.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}

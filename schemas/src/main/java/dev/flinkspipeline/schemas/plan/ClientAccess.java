package dev.flinkspipeline.schemas.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A Kafka principal (a SCRAM user, one per client) and every right it has: nothing else is allowed.
 *
 * @param principal the user name (deploy/k8s: the KafkaUser and its Secret)
 * @param purpose   what it does with Kafka, why these rights (rendered as a comment)
 * @param acls      its allow rules
 */
public record ClientAccess(String principal, String purpose, List<Acl> acls) {

    public ClientAccess {
        acls = List.copyOf(acls);
    }

    /** Its rules on one kind of resource. */
    public List<Acl> acls(Acl.Resource resource) {
        return acls.stream().filter(a -> a.resource() == resource).toList();
    }

    /** Its rules as Kafka ACLs of {@code User:<principal>} from any host, e.g. to apply with Admin#createAcls. */
    public List<AclBinding> aclBindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (Acl acl : acls) {
            ResourcePattern pattern = new ResourcePattern(
                    switch (acl.resource()) {
                        case TOPIC -> ResourceType.TOPIC;
                        case GROUP -> ResourceType.GROUP;
                        case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
                    },
                    acl.name(),
                    acl.prefix() ? PatternType.PREFIXED : PatternType.LITERAL);
            for (Acl.Operation operation : acl.orderedOperations()) {
                bindings.add(new AclBinding(
                        pattern,
                        new AccessControlEntry(
                                "User:" + principal,
                                "*",
                                AclOperation.valueOf(operation.name()),
                                AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }
}

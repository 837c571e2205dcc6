package dev.flinkspipeline.schemas.plan;

import java.util.List;

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
}

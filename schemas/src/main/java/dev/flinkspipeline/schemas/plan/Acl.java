package dev.flinkspipeline.schemas.plan;

import java.util.EnumSet;
import java.util.Set;

/**
 * One allow rule of a principal: operations on a topic, consumer group or transactional id, named literally or
 * by prefix.
 */
public record Acl(Resource resource, String name, boolean prefix, Set<Operation> operations) {

    /** The kinds of resource a service needs rights on. */
    public enum Resource {
        TOPIC,
        GROUP,
        TRANSACTIONAL_ID
    }

    /** The operations a service needs, in the order they are rendered. */
    public enum Operation {
        CREATE,
        READ,
        WRITE,
        DESCRIBE
    }

    public Acl {
        operations = Set.copyOf(EnumSet.copyOf(operations));
    }

    static Acl topic(String name, Operation... operations) {
        return new Acl(Resource.TOPIC, name, false, withDescribe(operations));
    }

    static Acl topicPrefix(String prefix, Operation... operations) {
        return new Acl(Resource.TOPIC, prefix, true, withDescribe(operations));
    }

    static Acl group(String name, Operation... operations) {
        return new Acl(Resource.GROUP, name, false, withDescribe(operations));
    }

    static Acl groupPrefix(String prefix, Operation... operations) {
        return new Acl(Resource.GROUP, prefix, true, withDescribe(operations));
    }

    static Acl transactionalIdPrefix(String prefix) {
        return new Acl(Resource.TRANSACTIONAL_ID, prefix, true, withDescribe(Operation.WRITE));
    }

    /** Its operations in rendering order. */
    public Set<Operation> orderedOperations() {
        return EnumSet.copyOf(operations);
    }

    /** Whether this rule's resource covers {@code resourceName}. */
    public boolean covers(String resourceName) {
        return prefix ? resourceName.startsWith(name) : resourceName.equals(name);
    }

    // Every client describes what it uses (metadata, offsets); Describe alone is what a lag reader needs.
    private static Set<Operation> withDescribe(Operation... operations) {
        Set<Operation> all = EnumSet.of(Operation.DESCRIBE);
        all.addAll(Set.of(operations));
        return all;
    }
}

package dev.flinkspipeline.schemas.plan;

/**
 * How big a cluster's topics are: the partitions of every co-partitioned topic, the replication factor and the
 * replicas a write needs. The plan's topics are the same everywhere; only the sizing differs.
 *
 * @param partitions        of every topic that has no fixed count: all pipeline topics share it, because the
 *                          services read some of them partition by partition along another
 * @param replicationFactor of every topic
 * @param minInsyncReplicas replicas that must have a write before it is acknowledged ({@code acks=all})
 */
public record Sizing(int partitions, short replicationFactor, int minInsyncReplicas) {

    /** The cluster of deploy/k8s: three brokers, a write survives one of them down. */
    public static final Sizing PRODUCTION = new Sizing(6, (short) 3, 2);

    public Sizing {
        if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("invalid sizing: " + partitions + " partitions, replication factor "
                    + replicationFactor + ", min.insync.replicas " + minInsyncReplicas);
        }
    }

    /** One broker (the local stack, tests, compose): every topic on it, a write needs only it. */
    public static Sizing singleBroker(int partitions) {
        return new Sizing(partitions, (short) 1, 1);
    }
}

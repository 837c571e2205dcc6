package dev.flinkspipeline.tools.demo;

import java.util.List;

/** The outcome of a demo run. */
public record DemoReport(List<DemoCustomer> customers) {

    public DemoReport {
        customers = List.copyOf(customers);
    }

    /** True when every customer reached AttributesReady. */
    public boolean allReady() {
        return !customers.isEmpty() && customers.stream().allMatch(DemoCustomer::ready);
    }
}

package dev.flinkspipeline.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    @Test
    void rowsStayAlignedPastCustomer99() {
        List<DemoCustomer> customers = new ArrayList<>();
        for (int n = 1; n <= 120; n++) {
            String loginId = String.format("00000000-0000-0000-0000-%012d", n);
            customers.add(new DemoCustomer(
                    n, n % 2 == 0 ? Flow.WEBHOOK : Flow.STANDARD, loginId, 0, 0, new CustomerTrace(loginId), null));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryTable.print(customers, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String header = lines.get(0);
        int flowColumn = header.indexOf("flow");
        int loginColumn = header.indexOf("loginId");
        for (String row : lines.subList(1, 121)) {
            assertThat(row.indexOf("00000000-")).as(row).isEqualTo(loginColumn);
            assertThat(row.substring(flowColumn, flowColumn + 1)).as(row).isNotBlank();
        }
    }
}

package dev.flinkspipeline.deploy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

final class Kubectl {

    private Kubectl() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

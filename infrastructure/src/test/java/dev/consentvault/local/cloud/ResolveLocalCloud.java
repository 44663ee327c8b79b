package dev.consentvault.local.cloud;

import dev.consentvault.local.LocalRun;

/**
 * What the local run does first, alone in a JVM: resolve the local cloud and say which it is. It
 * returns from main without System.exit, so a probe thread left hanging would keep it alive.
 */
final class ResolveLocalCloud {

    private ResolveLocalCloud() {}

    public static void main(String[] args) {
        LocalCloud cloud = LocalCloud.resolve(LocalRun.projectRoot(), System.getenv());
        System.out.println("resolved: " + cloud.description());
    }
}

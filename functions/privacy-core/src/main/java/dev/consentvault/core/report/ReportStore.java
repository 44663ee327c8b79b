package dev.consentvault.core.report;

/** Port: where reports are written (the reports bucket, encrypted under the project key). */
public interface ReportStore {

    /** Writes one object; returns where it went (e.g. s3://bucket/key). */
    String put(String key, byte[] body, String contentType);
}

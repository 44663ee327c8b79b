package dev.consentvault.core.report;

import java.util.List;

/** Port: the privacy requests as the report reads them (every status). */
public interface ReportSources {

    List<RequestRecord> requests();
}

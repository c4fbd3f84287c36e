import type { CasesModule } from '../cases-module';
import { CustodyReportService } from './custody-report.service';
import { OutcomesReportService } from './outcomes-report.service';
import { ReportingResolver } from './reporting.resolver';
import { ReportingService } from './reporting.service';
import { SharingReportService } from './sharing-report.service';
import { TimelinessReportService } from './timeliness-report.service';

/** Registers the consortium performance reports with the cases subgraph. */
export const registerReportingModule: CasesModule = (container) => {
  container.register(
    new ReportingResolver(
      new ReportingService(new CustodyReportService(), new TimelinessReportService(), new OutcomesReportService(), new SharingReportService()),
    ),
  );
};

// "Download CSV": the same report as CSV, fetched with the signed-in client (a link
// would carry no token) and saved under a name that says what and when.
import { useState } from "react";
import { saveBlob } from "../../../api/saveBlob";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fetchReportCsv, type ReportQuery } from "../api/reportRequests";
import type { ReportName } from "../types";

interface Props {
  project: string;
  report: ReportName;
  query: ReportQuery;
  filename: string;
  title: string;
}

export function DownloadCsvButton({ project, report, query, filename, title }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setPending(true);
    setError(null);
    try {
      saveBlob(await fetchReportCsv(project, report, query), filename);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="report-download"
        aria-label={`Download CSV: ${title}`}
        disabled={pending}
        onClick={() => void download()}
      >
        Download CSV
      </button>
      <ErrorNotice error={error} />
    </>
  );
}

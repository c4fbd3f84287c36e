import { Navigate, Route, Routes } from 'react-router';
import { homePathFor, Layout, Loading } from './components/layout';
import { AlertsPage } from './pages/alerts-page';
import { CaseloadPage } from './pages/caseload-page';
import { ChildConsentPage } from './pages/child-consent-page';
import { ChildPage } from './pages/child-page';
import { ChildTeamCoverPage } from './pages/child-team-cover-page';
import { DataRequestsPage } from './pages/data-requests-page';
import { DisclosuresPage } from './pages/disclosures-page';
import { NotFoundPage } from './pages/not-found-page';
import { RequestPage } from './pages/request-page';
import { RequestsPage } from './pages/requests-page';
import { SignInPage } from './pages/sign-in-page';
import { useSession } from './session/session';

export function App() {
  const { me, checking } = useSession();
  return (
    <Layout>
      {checking ? (
        <Loading />
      ) : !me ? (
        <SignInPage />
      ) : (
        <Routes>
          <Route path="/" element={<Navigate to={homePathFor(me)} replace />} />
          <Route path="/caseload" element={<CaseloadPage />} />
          <Route path="/children/:childId" element={<ChildPage />} />
          <Route path="/children/:childId/consent" element={<ChildConsentPage />} />
          <Route path="/children/:childId/team-cover" element={<ChildTeamCoverPage />} />
          <Route path="/alerts" element={<AlertsPage />} />
          <Route path="/requests" element={<RequestsPage />} />
          <Route path="/requests/:requestId" element={<RequestPage />} />
          <Route path="/data-requests" element={<DataRequestsPage />} />
          <Route path="/disclosures" element={<DisclosuresPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      )}
    </Layout>
  );
}

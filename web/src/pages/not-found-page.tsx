import { Link } from 'react-router';
import { PageHeading } from '../components/layout';
import { useTitle } from '../use-title';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to your start page
        </Link>
      </p>
    </>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useSession, type Me } from '../session/session';
import { useWebSettings } from '../session/web-settings';

interface NavItem {
  to: string;
  text: string;
}

/** Which pages to offer in the menu; what each page may show is decided by the API, not here. */
function navigationFor(me: Me): NavItem[] {
  const roles = new Set(me.roles);
  const items: NavItem[] = [];
  const housing = roles.has('HOUSING_OFFICER');
  const dpo = roles.has('DATA_PROTECTION_OFFICER');
  if (!housing && !dpo) items.push({ to: '/caseload', text: 'Caseload' }, { to: '/alerts', text: 'Alerts' });
  if (housing) items.push({ to: '/requests', text: 'Accommodation requests' });
  else if (roles.has('CASE_MANAGER') || roles.has('OPERATIONAL_MANAGER')) items.push({ to: '/requests', text: 'Accommodation' });
  if (!housing && !dpo) items.push({ to: '/data-requests', text: 'Requests for data' });
  if (dpo) items.push({ to: '/disclosures', text: 'Disclosures' });
  return items;
}

export function homePathFor(me: Me): string {
  return navigationFor(me)[0]?.to ?? '/caseload';
}

export function Layout({ children }: { children: ReactNode }) {
  const { me, signOut } = useSession();
  const brandName = useWebSettings()?.brandName ?? 'Resettlement Hub';
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const firstPath = useRef(pathname);
  // After moving to another page, start keyboard and screen-reader users at its content, as a full page load would.
  useEffect(() => {
    if (pathname !== firstPath.current) document.getElementById('main-content')?.focus();
    firstPath.current = '';
  }, [pathname]);
  // The next person to sign in starts from their own start page, not the last one's.
  const signOutHere = () => {
    signOut();
    void navigate('/', { replace: true });
  };
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-generic-header app-header" role="banner">
        <div className="govuk-generic-header__container govuk-width-container app-header__container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link app-header__link">
              <span className="app-header__name">{brandName}</span>
            </Link>
          </div>
          {me && (
            <div className="app-header__account">
              <span className="app-header__user">
                {me.displayName}
                <span className="app-header__agency">{me.agency.name}</span>
              </span>
              <button type="button" className="govuk-button govuk-button--inverse app-header__sign-out" onClick={signOutHere}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <section aria-label="Service information" className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <span className="govuk-service-navigation__text">Resettlement Hub</span>
            </span>
            {me && (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">
                  {navigationFor(me).map((item) => (
                    <li className="govuk-service-navigation__item" key={item.to}>
                      <NavLink className="govuk-service-navigation__link" to={item.to}>
                        {item.text}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </div>
        </div>
      </section>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s app-footer__text">
                Information shared under the consortium's information-sharing agreements. Every view of a child's record is logged.
                Report a concern to your data protection officer.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

/** A page's title in the document and its h1. */
export function PageHeading({ caption, children }: { caption?: string; children: ReactNode }) {
  return (
    <h1 className="govuk-heading-l">
      {caption && <span className="govuk-caption-l">{caption}</span>}
      {children}
    </h1>
  );
}

export function Loading() {
  return (
    <p className="govuk-body" role="status">
      Loading…
    </p>
  );
}

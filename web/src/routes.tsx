import { lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { RequireAdmin, RequireAuth } from "./auth/RequireAuth.tsx";
import { moduleItems } from "./layout/nav.tsx";

// Every page, and the signed-in shell itself, is its own chunk: the login screen does not
// download the menu, header and region tree, and a page loads only when visited.
const AppLayout = lazy(() =>
  import("./layout/AppLayout.tsx").then((m) => ({ default: m.AppLayout })),
);
const LoginPage = lazy(() => import("./pages/LoginPage.tsx"));
const ChangePasswordPage = lazy(() => import("./pages/ChangePasswordPage.tsx"));
const DashboardPage = lazy(() => import("./pages/DashboardPage.tsx"));
const PlaceholderPage = lazy(() => import("./pages/PlaceholderPage.tsx"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage.tsx"));
const UnitsPage = lazy(() => import("./pages/system/UnitsPage.tsx"));
const UsersPage = lazy(() => import("./pages/system/UsersPage.tsx"));
const AuditPage = lazy(() => import("./pages/system/AuditPage.tsx"));
const QualificationKindsPage = lazy(() => import("./pages/enterprises/QualificationKindsPage.tsx"));
const EnterprisesPage = lazy(() => import("./pages/enterprises/EnterprisesPage.tsx"));
const EnterpriseDetailPage = lazy(() => import("./pages/enterprises/EnterpriseDetailPage.tsx"));
const FieldworkPage = lazy(() => import("./pages/fieldwork/FieldworkPage.tsx"));
const ActivityDictionariesPage = lazy(() => import("./pages/fieldwork/DictionariesPage.tsx"));
const IndicatorsPage = lazy(() => import("./pages/system/IndicatorsPage.tsx"));
const ContractsPage = lazy(() => import("./pages/fieldwork/ContractsPage.tsx"));
const PatentsPage = lazy(() => import("./pages/patents/PatentsPage.tsx"));
const IpAssetsPage = lazy(() => import("./pages/ip-assets/IpAssetsPage.tsx"));
const ProjectsPage = lazy(() => import("./pages/projects/ProjectsPage.tsx"));
const ProjectDetailPage = lazy(() => import("./pages/projects/ProjectDetailPage.tsx"));
const QuakePage = lazy(() => import("./pages/quake/QuakePage.tsx"));
const PlatformsPage = lazy(() => import("./pages/platforms/PlatformsPage.tsx"));
const ReportsPage = lazy(() => import("./pages/reports/ReportsPage.tsx"));
const ReportEditorPage = lazy(() => import("./pages/reports/ReportEditorPage.tsx"));
const AchievementsPage = lazy(() => import("./pages/achievements/AchievementsPage.tsx"));
const TargetsPage = lazy(() => import("./pages/targets/TargetsPage.tsx"));
const TasksPage = lazy(() => import("./pages/tasks/TasksPage.tsx"));
const TaskCircularPage = lazy(() => import("./pages/tasks/CircularPage.tsx"));

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    path: "/change-password",
    element: (
      <RequireAuth>
        <ChangePasswordPage />
      </RequireAuth>
    ),
  },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      { path: "enterprises", element: <EnterprisesPage /> },
      { path: "enterprises/:id", element: <EnterpriseDetailPage /> },
      { path: "fieldwork", element: <FieldworkPage /> },
      { path: "contracts", element: <ContractsPage /> },
      { path: "ip", element: <PatentsPage /> },
      { path: "ip-assets", element: <IpAssetsPage /> },
      { path: "projects", element: <ProjectsPage /> },
      { path: "projects/:id", element: <ProjectDetailPage /> },
      { path: "earthquake", element: <QuakePage /> },
      { path: "platforms", element: <PlatformsPage /> },
      { path: "achievements", element: <AchievementsPage /> },
      { path: "reports", element: <ReportsPage /> },
      { path: "reports/:id", element: <ReportEditorPage /> },
      { path: "targets", element: <TargetsPage /> },
      { path: "tasks", element: <TasksPage /> },
      { path: "tasks/circular", element: <TaskCircularPage /> },
      ...moduleItems
        .filter(
          (item) =>
            ![
              "/enterprises",
              "/fieldwork",
              "/contracts",
              "/ip",
              "/ip-assets",
              "/projects",
              "/earthquake",
              "/platforms",
              "/achievements",
              "/reports",
              "/targets",
              "/tasks",
            ].includes(item.path),
        )
        .map((item) => ({
          path: item.path.slice(1),
          element: <PlaceholderPage item={item} />,
        })),
      { path: "system", element: <Navigate to="/system/units" replace /> },
      {
        path: "system/units",
        element: (
          <RequireAdmin>
            <UnitsPage />
          </RequireAdmin>
        ),
      },
      {
        path: "system/users",
        element: (
          <RequireAdmin>
            <UsersPage />
          </RequireAdmin>
        ),
      },
      {
        path: "system/audit",
        element: (
          <RequireAdmin>
            <AuditPage />
          </RequireAdmin>
        ),
      },
      {
        path: "system/qualification-kinds",
        element: (
          <RequireAdmin>
            <QualificationKindsPage />
          </RequireAdmin>
        ),
      },
      {
        path: "system/activity-dictionaries",
        element: (
          <RequireAdmin>
            <ActivityDictionariesPage />
          </RequireAdmin>
        ),
      },
      {
        path: "system/target-indicators",
        element: (
          <RequireAdmin>
            <IndicatorsPage />
          </RequireAdmin>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

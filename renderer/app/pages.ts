/**
 * Every page of the app, in sidebar order. A capability adds its page with one line here;
 * `hidden` pages (an event, an order) are reached by links, not from the sidebar.
 */
import { createElement, type ReactNode } from 'react';
import type { RouteParams } from './router';
import { JournalPage } from '../journal/JournalPage';
import { OrdersPage } from '../orders/OrdersPage';
import { EventDetailPage } from '../event/EventDetailPage';
import { OrderTimelinePage } from '../timeline/OrderTimelinePage';
import { AnomalyInboxPage } from '../inbox/AnomalyInboxPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { ImportPage } from '../import/ImportPage';
import { SettingsPage } from '../settings/SettingsPage';
import { CorrectionsLogPage } from '../corrections';
import { RulesPage } from '../rules';
import { PracticeResultPage, PRACTICE_PAGES, RESULT_PAGE, TrainingPage } from '../training';
import { ExportPage } from '../export';
import { HandoverPage, PeoplePage } from '../history';

export interface PageDef {
  id: string;
  title: string;
  section: 'Ledger' | 'Office' | 'Journal file';
  render(params: RouteParams): ReactNode;
  hidden?: boolean;
}

export const pages: PageDef[] = [
  { id: 'journal', title: 'Journal', section: 'Ledger', render: () => createElement(JournalPage) },
  { id: 'orders', title: 'Orders', section: 'Ledger', render: () => createElement(OrdersPage) },
  { id: 'inbox', title: 'Anomalies', section: 'Ledger', render: () => createElement(AnomalyInboxPage) },
  { id: 'dashboard', title: 'Dashboard', section: 'Ledger', render: () => createElement(DashboardPage) },
  { id: 'handover', title: 'Handover', section: 'Office', render: () => createElement(HandoverPage) },
  {
    id: 'people',
    title: 'People',
    section: 'Office',
    render: (p) => createElement(PeoplePage, { initiator: p.initiator }),
  },
  { id: 'corrections', title: 'Corrections log', section: 'Office', render: () => createElement(CorrectionsLogPage) },
  { id: 'rules', title: 'Rules', section: 'Office', render: () => createElement(RulesPage) },
  { id: 'training', title: 'Training', section: 'Office', render: () => createElement(TrainingPage) },
  { id: 'import', title: 'Import', section: 'Journal file', render: () => createElement(ImportPage) },
  { id: 'export', title: 'Export', section: 'Journal file', render: () => createElement(ExportPage) },
  { id: 'settings', title: 'Settings', section: 'Journal file', render: () => createElement(SettingsPage) },
  {
    id: 'event',
    title: 'Event',
    section: 'Ledger',
    hidden: true,
    render: (p) => createElement(EventDetailPage, { seq: Number(p.seq) }),
  },
  {
    id: 'order',
    title: 'Order',
    section: 'Ledger',
    hidden: true,
    render: (p) => createElement(OrderTimelinePage, { orderId: p.orderId ?? '' }),
  },
  {
    id: RESULT_PAGE,
    title: 'Training result',
    section: 'Office',
    hidden: true,
    render: () => createElement(PracticeResultPage),
  },
];

export const pageById = (id: string) => pages.find((p) => p.id === id);

/**
 * The pages offered to go to (the sidebar, the palette): not the ones reached by links, and in
 * practice only what a trainee works with — any other would show the scenario's order instead.
 */
export const offeredPages = (practising: boolean): PageDef[] =>
  pages.filter((p) => !p.hidden && (!practising || PRACTICE_PAGES.has(p.id)));

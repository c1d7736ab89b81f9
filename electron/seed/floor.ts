/** The people, customers and stock of the generated warehouse. */
import type { FloorRole } from '../../shared/events/envelope';

export interface Person {
  id: string;
  name: string;
  role: FloorRole;
}

export const ORDER_WEBHOOK: Person = { id: 'oms', name: 'Order webhook', role: 'System' };
export const CARRIER_FEED: Person = { id: 'carrier', name: 'Carrier tracking feed', role: 'System' };

export const PICKERS: readonly Person[] = [
  { id: 'aruiz', name: 'Ana Ruiz', role: 'Picker' },
  { id: 'dokafor', name: 'David Okafor', role: 'Picker' },
  { id: 'mkowalski', name: 'Marta Kowalski', role: 'Picker' },
  { id: 'jlee', name: 'Jin Lee', role: 'Picker' },
  { id: 'psingh', name: 'Priya Singh', role: 'Picker' },
  { id: 'rmoreau', name: 'Rémi Moreau', role: 'Picker' },
];
export const PACKERS: readonly Person[] = [
  { id: 'tnguyen', name: 'Tom Nguyen', role: 'Packer' },
  { id: 'lbianchi', name: 'Lucia Bianchi', role: 'Packer' },
  { id: 'kjohansson', name: 'Karl Johansson', role: 'Packer' },
];
export const SHIPPERS: readonly Person[] = [
  { id: 'ghernandez', name: 'Gabriel Hernández', role: 'Shipper' },
  { id: 'ewright', name: 'Emma Wright', role: 'Shipper' },
];
export const TEAM_LEADS: readonly Person[] = [
  { id: 'wchin', name: 'Walter Chin', role: 'TeamLead' },
  { id: 'sbrooks', name: 'Seth Brooks', role: 'TeamLead' },
  { id: 'afischer', name: 'Anja Fischer', role: 'TeamLead' },
];

export const CUSTOMERS: readonly string[] = [
  'Hillside Dental',
  'Bay Street Vet',
  'Northgate Clinic',
  'Riverside Pharmacy',
  'Maple Grove Care Home',
  'St. Anne’s Hospital',
  'Lakeview Physiotherapy',
  'Cedar Family Practice',
  'Harbour Lab Services',
  'Oakridge School Nurse',
  'Pinecrest Dental Studio',
  'Summit Sports Medicine',
  'Westfield Animal Hospital',
  'Greenway Optometry',
  'Brookside Urgent Care',
  'Elm Street Podiatry',
  'Kingsway Dermatology',
  'Southport Community Clinic',
];

export const SKUS: readonly string[] = [
  'GLV-200',
  'GLV-100',
  'MSK-50',
  'MSK-N95',
  'SYR-10',
  'SYR-5',
  'GAU-4X4',
  'BND-ROLL',
  'ALC-WIPE',
  'TAPE-25',
  'THRM-DIG',
  'CUP-SPEC',
  'GWN-ISO',
  'SAN-500',
  'SUT-KIT',
  'IV-SET',
];

export const NOTIFY_CHANNELS: readonly string[] = ['email', 'email', 'email', 'sms'];

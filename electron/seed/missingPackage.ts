/**
 * The night of the missing package (handbook samples, missing-package.ndjson): order 1345693 set
 * back from Packed to PendingPicking, 1345701 shipped without being packed, 1345702 held and
 * released correctly. The sample history carries these exact events, with the same eventIds, so
 * the story the office is trained on is findable in any generated journal.
 */
import type { OrderEvent } from '../../shared/events/envelope';

export const MISSING_PACKAGE_NIGHT: readonly OrderEvent[] = [
  {
    eventId: 's-1345693-01',
    type: 'OrderCreated',
    orderId: '1345693',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T09:02:10-05:00',
    data: {
      customer: 'Hillside Dental',
      lines: [
        {
          sku: 'GLV-200',
          qty: 3,
        },
        {
          sku: 'MSK-50',
          qty: 1,
        },
      ],
    },
    traceId: 't-1345693',
  },
  {
    eventId: 's-1345693-02',
    type: 'StatusChanged',
    orderId: '1345693',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T09:05:00-05:00',
    data: {
      status: 'PendingPicking',
    },
    traceId: 't-1345693',
  },
  {
    eventId: 's-1345693-03',
    type: 'StatusChanged',
    orderId: '1345693',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T13:10:42-05:00',
    data: {
      status: 'Picking',
    },
  },
  {
    eventId: 's-1345693-04',
    type: 'ItemPicked',
    orderId: '1345693',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T13:14:05-05:00',
    data: {
      itemSku: 'GLV-200',
      itemQty: 3,
    },
  },
  {
    eventId: 's-1345693-05',
    type: 'ItemPicked',
    orderId: '1345693',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T13:16:30-05:00',
    data: {
      itemSku: 'MSK-50',
      itemQty: 1,
    },
  },
  {
    eventId: 's-1345693-06',
    type: 'StatusChanged',
    orderId: '1345693',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T13:17:02-05:00',
    data: {
      status: 'Picked',
    },
  },
  {
    eventId: 's-1345693-07',
    type: 'StatusChanged',
    orderId: '1345693',
    initiatedBy: {
      id: 'tnguyen',
      name: 'Tom Nguyen',
      role: 'Packer',
    },
    timestamp: '2026-11-26T15:22:18-05:00',
    data: {
      status: 'Packed',
    },
  },
  {
    eventId: 's-1345693-08',
    type: 'StatusChanged',
    orderId: '1345693',
    initiatedBy: {
      id: 'wchin',
      name: 'Walter Chin',
      role: 'TeamLead',
    },
    timestamp: '2026-11-26T20:34:11-05:00',
    data: {
      status: 'PendingPicking',
    },
  },
  {
    eventId: 's-1345701-01',
    type: 'OrderCreated',
    orderId: '1345701',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T09:40:00-05:00',
    data: {
      customer: 'Bay Street Vet',
      lines: [
        {
          sku: 'SYR-10',
          qty: 20,
        },
      ],
    },
    traceId: 't-1345701',
  },
  {
    eventId: 's-1345701-02',
    type: 'StatusChanged',
    orderId: '1345701',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T09:41:00-05:00',
    data: {
      status: 'PendingPicking',
    },
    traceId: 't-1345701',
  },
  {
    eventId: 's-1345701-03',
    type: 'StatusChanged',
    orderId: '1345701',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T11:02:00-05:00',
    data: {
      status: 'Picking',
    },
  },
  {
    eventId: 's-1345701-04',
    type: 'ItemPicked',
    orderId: '1345701',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T11:05:00-05:00',
    data: {
      itemSku: 'SYR-10',
      itemQty: 20,
    },
  },
  {
    eventId: 's-1345701-05',
    type: 'StatusChanged',
    orderId: '1345701',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T11:06:00-05:00',
    data: {
      status: 'Shipped',
    },
  },
  {
    eventId: 's-1345702-01',
    type: 'OrderCreated',
    orderId: '1345702',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T10:00:00-05:00',
    data: {
      customer: 'Northgate Clinic',
      lines: [
        {
          sku: 'GLV-200',
          qty: 1,
        },
      ],
    },
    traceId: 't-1345702',
  },
  {
    eventId: 's-1345702-02',
    type: 'StatusChanged',
    orderId: '1345702',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T10:01:00-05:00',
    data: {
      status: 'PendingPicking',
    },
    traceId: 't-1345702',
  },
  {
    eventId: 's-1345702-03',
    type: 'StatusChanged',
    orderId: '1345702',
    initiatedBy: {
      id: 'sbrooks',
      name: 'Seth Brooks',
      role: 'TeamLead',
    },
    timestamp: '2026-11-26T10:30:00-05:00',
    data: {
      status: 'OnHold',
    },
  },
  {
    eventId: 's-1345702-04',
    type: 'StatusChanged',
    orderId: '1345702',
    initiatedBy: {
      id: 'sbrooks',
      name: 'Seth Brooks',
      role: 'TeamLead',
    },
    timestamp: '2026-11-26T12:00:00-05:00',
    data: {
      status: 'PendingPicking',
    },
  },
  {
    eventId: 's-1345702-05',
    type: 'StatusChanged',
    orderId: '1345702',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T12:20:00-05:00',
    data: {
      status: 'Picking',
    },
  },
  {
    eventId: 's-1345702-06',
    type: 'ItemPicked',
    orderId: '1345702',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T12:21:00-05:00',
    data: {
      itemSku: 'GLV-200',
      itemQty: 1,
    },
  },
  {
    eventId: 's-1345702-07',
    type: 'StatusChanged',
    orderId: '1345702',
    initiatedBy: {
      id: 'aruiz',
      name: 'Ana Ruiz',
      role: 'Picker',
    },
    timestamp: '2026-11-26T12:22:00-05:00',
    data: {
      status: 'Picked',
    },
  },
  {
    eventId: 's-1345702-08',
    type: 'StatusChanged',
    orderId: '1345702',
    initiatedBy: {
      id: 'tnguyen',
      name: 'Tom Nguyen',
      role: 'Packer',
    },
    timestamp: '2026-11-26T12:40:00-05:00',
    data: {
      status: 'Packed',
    },
  },
  {
    eventId: 's-1345702-09',
    type: 'StatusChanged',
    orderId: '1345702',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T16:00:00-05:00',
    data: {
      status: 'Shipped',
    },
  },
  {
    eventId: 's-1345702-10',
    type: 'CustomerNotified',
    orderId: '1345702',
    initiatedBy: {
      id: 'oms',
      name: 'Order webhook',
      role: 'System',
    },
    timestamp: '2026-11-26T16:00:05-05:00',
    data: {
      channel: 'email',
    },
  },
] as OrderEvent[];

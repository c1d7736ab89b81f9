/** The regular order information: customer, status, lines with what has been picked of each. */
import type { OrderRecord } from '../../shared/contract/records';
import { s } from './styles';
import { formatCount } from '../ui/format';

export function OrderSummary({ order }: { order: OrderRecord }) {
  return (
    <section style={s.section} aria-label="Order" data-testid="order-summary">
      <h3 style={s.sectionTitle}>Order {order.orderId}</h3>
      <div>
        Customer: <strong>{order.customer ?? '(not given)'}</strong>
      </div>
      <div>
        Status now: <strong data-testid="order-status">{order.status ?? '(none)'}</strong>{' '}
        <span style={s.muted}>
          · {formatCount(order.eventCount)} events, last #{order.lastSeq} · {formatCount(order.openAnomalies)} open flag
          {order.openAnomalies === 1 ? '' : 's'}
        </span>
      </div>
      <table style={{ ...s.table, marginTop: 8 }}>
        <thead>
          <tr>
            <th style={s.th}>SKU</th>
            <th style={s.th}>Ordered</th>
            <th style={s.th}>Picked</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => {
            const picked = order.picked[line.sku] ?? 0;
            return (
              <tr key={line.sku}>
                <td style={s.td}>{line.sku}</td>
                <td style={s.td}>{line.qty}</td>
                <td style={{ ...s.td, ...(picked > line.qty ? s.danger : {}) }}>{picked}</td>
              </tr>
            );
          })}
          {Object.entries(order.picked)
            .filter(([sku]) => !order.lines.some((l) => l.sku === sku))
            .map(([sku, qty]) => (
              <tr key={sku} style={s.danger}>
                <td style={s.td}>{sku} (not on the order)</td>
                <td style={s.td}>0</td>
                <td style={s.td}>{qty}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

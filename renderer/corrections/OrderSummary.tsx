/** The regular order information: customer, status, lines with what has been picked of each. */
import type { OrderRecord } from '../../shared/contract/records';
import { formatCount } from '../ui/format';

export function OrderSummary({ order }: { order: OrderRecord }) {
  return (
    <section className="cx-section" aria-label="Order" data-testid="order-summary">
      <h3 className="cx-section-title">Order {order.orderId}</h3>
      <div>
        Customer: <strong>{order.customer ?? '(not given)'}</strong>
      </div>
      <div>
        Status now: <strong data-testid="order-status">{order.status ?? '(none)'}</strong>{' '}
        <span className="cx-muted">
          · {formatCount(order.eventCount)} events, last #{order.lastSeq} · {formatCount(order.openAnomalies)} open flag
          {order.openAnomalies === 1 ? '' : 's'}
        </span>
      </div>
      <table className="cx-table cx-mt8">
        <thead>
          <tr>
            <th className="cx-th">SKU</th>
            <th className="cx-th">Ordered</th>
            <th className="cx-th">Picked</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => {
            const picked = order.picked[line.sku] ?? 0;
            return (
              <tr key={line.sku}>
                <td className="cx-td">{line.sku}</td>
                <td className="cx-td">{line.qty}</td>
                <td className={picked > line.qty ? 'cx-td cx-danger' : 'cx-td'}>{picked}</td>
              </tr>
            );
          })}
          {Object.entries(order.picked)
            .filter(([sku]) => !order.lines.some((l) => l.sku === sku))
            .map(([sku, qty]) => (
              <tr key={sku} className="cx-danger">
                <td className="cx-td">{sku} (not on the order)</td>
                <td className="cx-td">0</td>
                <td className="cx-td">{qty}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

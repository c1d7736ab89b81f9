/**
 * The handbook's training cases (handbook §7), bundled: the app, the command line and the tests
 * read the same files. Written by training/scenarios/generate.ts; a test checks it lists every
 * JSON file of training/scenarios/.
 */
import missingPackage from '../../training/scenarios/missing-package.json';
import shippedNeverPicked from '../../training/scenarios/shipped-never-picked.json';
import heldAndReleased from '../../training/scenarios/held-and-released.json';
import shippedBackToPacked from '../../training/scenarios/shipped-back-to-packed.json';
import releasedToWrongStatus from '../../training/scenarios/released-to-wrong-status.json';
import shippedWithoutPacking from '../../training/scenarios/shipped-without-packing.json';
import pickerPutsOrderOnHold from '../../training/scenarios/picker-puts-order-on-hold.json';
import pickerReleasesBack from '../../training/scenarios/picker-releases-back.json';
import packerCancelsOrder from '../../training/scenarios/packer-cancels-order.json';
import shipperCancelsPickedOrder from '../../training/scenarios/shipper-cancels-picked-order.json';
import pickerReleasesHold from '../../training/scenarios/picker-releases-hold.json';
import deliveredThenPicking from '../../training/scenarios/delivered-then-picking.json';
import cancelledThenPicking from '../../training/scenarios/cancelled-then-picking.json';
import pickedBeforeLastItem from '../../training/scenarios/picked-before-last-item.json';
import orderCreatedTwice from '../../training/scenarios/order-created-twice.json';
import notifiedBeforeCreated from '../../training/scenarios/notified-before-created.json';
import wrongItemPicked from '../../training/scenarios/wrong-item-picked.json';
import oneTooManyPicked from '../../training/scenarios/one-too-many-picked.json';
import packedTwice from '../../training/scenarios/packed-twice.json';
import handheldClockBehind from '../../training/scenarios/handheld-clock-behind.json';
import releasedBackByTeamLead from '../../training/scenarios/released-back-by-team-lead.json';
import heldOnArrival from '../../training/scenarios/held-on-arrival.json';
import heldWhilePicking from '../../training/scenarios/held-while-picking.json';
import heldAfterPacking from '../../training/scenarios/held-after-packing.json';
import cancelledOnArrival from '../../training/scenarios/cancelled-on-arrival.json';
import cancelledWhilePicking from '../../training/scenarios/cancelled-while-picking.json';
import cancelledAfterPacking from '../../training/scenarios/cancelled-after-packing.json';
import cancelledWhileOnHold from '../../training/scenarios/cancelled-while-on-hold.json';

/** Each file as decoded JSON, by file name; validated by `loadScenario` where it is used. */
export const HANDBOOK_SCENARIO_FILES: readonly { file: string; json: unknown }[] = [
  { file: 'missing-package.json', json: missingPackage },
  { file: 'shipped-never-picked.json', json: shippedNeverPicked },
  { file: 'held-and-released.json', json: heldAndReleased },
  { file: 'shipped-back-to-packed.json', json: shippedBackToPacked },
  { file: 'released-to-wrong-status.json', json: releasedToWrongStatus },
  { file: 'shipped-without-packing.json', json: shippedWithoutPacking },
  { file: 'picker-puts-order-on-hold.json', json: pickerPutsOrderOnHold },
  { file: 'picker-releases-back.json', json: pickerReleasesBack },
  { file: 'packer-cancels-order.json', json: packerCancelsOrder },
  { file: 'shipper-cancels-picked-order.json', json: shipperCancelsPickedOrder },
  { file: 'picker-releases-hold.json', json: pickerReleasesHold },
  { file: 'delivered-then-picking.json', json: deliveredThenPicking },
  { file: 'cancelled-then-picking.json', json: cancelledThenPicking },
  { file: 'picked-before-last-item.json', json: pickedBeforeLastItem },
  { file: 'order-created-twice.json', json: orderCreatedTwice },
  { file: 'notified-before-created.json', json: notifiedBeforeCreated },
  { file: 'wrong-item-picked.json', json: wrongItemPicked },
  { file: 'one-too-many-picked.json', json: oneTooManyPicked },
  { file: 'packed-twice.json', json: packedTwice },
  { file: 'handheld-clock-behind.json', json: handheldClockBehind },
  { file: 'released-back-by-team-lead.json', json: releasedBackByTeamLead },
  { file: 'held-on-arrival.json', json: heldOnArrival },
  { file: 'held-while-picking.json', json: heldWhilePicking },
  { file: 'held-after-packing.json', json: heldAfterPacking },
  { file: 'cancelled-on-arrival.json', json: cancelledOnArrival },
  { file: 'cancelled-while-picking.json', json: cancelledWhilePicking },
  { file: 'cancelled-after-packing.json', json: cancelledAfterPacking },
  { file: 'cancelled-while-on-hold.json', json: cancelledWhileOnHold },
];

import mongoose, { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Mongoose models for the invoicing side of Ledgerly.
 */

export async function connectInvoicing(): Promise<typeof mongoose> {
  return mongoose.connect(process.env.INVOICING_MONGO_URL!, {
    maxPoolSize: 20,
    serverSelectionTimeoutMS: 5_000,
    writeConcern: { w: 'majority', wtimeoutMS: 5_000 }, // near-miss: no-unacknowledged-write (majority)
  });
}

const invoiceSchema = new Schema(
  {
    companyId: { type: String, required: true, index: true },
    number: { type: String, required: true },
    customer: { name: String, email: String, vatId: String },
    lines: [{ description: String, quantity: Number, unitPrice: Number, vatRate: Number }],
    status: { type: String, enum: ['draft', 'sent', 'paid', 'void'], default: 'draft' },
    issuedAt: Date,
    dueAt: Date,
  },
  { timestamps: true },
);
invoiceSchema.index({ companyId: 1, number: 1 }, { unique: true });

export const Invoice = model('Invoice', invoiceSchema);
export type InvoiceDoc = InferSchemaType<typeof invoiceSchema>;

/**
 * Payment reminders the customer has been sent. Used to prove a dunning
 * sequence happened before an invoice goes to collection.
 */
const reminderSchema = new Schema(
  {
    invoiceId: { type: Schema.Types.ObjectId, ref: 'Invoice', required: true },
    channel: { type: String, enum: ['email', 'letter'], required: true },
    sentAt: { type: Date, default: () => new Date() },
    template: String,
  },
  {
    timestamps: false,
    writeConcern: { w: 0 }, // expect: no-unacknowledged-write
  },
);

export const Reminder = model('Reminder', reminderSchema);

/** Opened/clicked tracking pixels: sampled, and losing a few is fine. */
const emailOpenSchema = new Schema(
  { reminderId: Schema.Types.ObjectId, at: Date, userAgent: String },
  { writeConcern: { w: 1, j: true } }, // near-miss: no-unacknowledged-write (w: 1 with journal)
);

export const EmailOpen = model('EmailOpen', emailOpenSchema);

export async function markPaid(invoiceId: string, paidAt: Date): Promise<void> {
  await Invoice.updateOne({ _id: invoiceId }, { $set: { status: 'paid', paidAt } }, { writeConcern: { w: 'majority' } });
}

export async function voidInvoice(invoiceId: string, reason: string): Promise<void> {
  await Invoice.updateOne(
    { _id: invoiceId, status: { $ne: 'paid' } },
    { $set: { status: 'void', voidReason: reason } },
    { writeConcern: { w: 'majority', journal: true } },
  );
}

export async function recordReminder(invoiceId: string, channel: 'email' | 'letter', template: string): Promise<void> {
  await Reminder.create({ invoiceId, channel, template });
}

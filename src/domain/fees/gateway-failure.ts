import { z } from 'zod';

/**
 * Why the gateway refused a payment, by its answer code (the two-digit codes of Vietnamese
 * gateways' IPN, VNPay style), in the words the payer understands, with what to do next. Kept as
 * data: a gateway that adds a code adds a line here.
 */
export const GatewayResponseCode = z.string().regex(/^\d{2}$/, 'two digits');

const REASONS_VI: Readonly<Record<string, string>> = {
  '07': 'Giao dịch bị nghi ngờ gian lận nên bị ngân hàng từ chối. Liên hệ ngân hàng của bạn trước khi nộp lại.',
  '09': 'Tài khoản chưa đăng ký dịch vụ thanh toán trực tuyến. Đăng ký với ngân hàng rồi nộp lại.',
  '10': 'Xác thực thông tin tài khoản không đúng quá 3 lần. Kiểm tra lại thông tin rồi nộp lại.',
  '11': 'Hết thời gian chờ thanh toán. Bấm "Nộp lại" để nộp lần nữa.',
  '12': 'Tài khoản hoặc thẻ đang bị khóa. Liên hệ ngân hàng của bạn.',
  '13': 'Nhập sai mã xác thực (OTP). Bấm "Nộp lại" để nộp lần nữa.',
  '24': 'Người nộp đã hủy giao dịch. Bấm "Nộp lại" khi sẵn sàng nộp.',
  '51': 'Tài khoản không đủ số dư. Nạp thêm tiền rồi bấm "Nộp lại".',
  '65': 'Vượt hạn mức giao dịch trong ngày của tài khoản. Nộp lại vào ngày mai hoặc dùng tài khoản khác.',
  '75': 'Ngân hàng thanh toán đang bảo trì. Nộp lại sau ít phút.',
  '79': 'Nhập sai mật khẩu thanh toán quá số lần quy định. Liên hệ ngân hàng của bạn.',
};

/** The reason the gateway gave, or null when it gave no code this table knows. */
export function gatewayFailureVi(code: string | null | undefined): string | null {
  return code ? (REASONS_VI[code] ?? null) : null;
}

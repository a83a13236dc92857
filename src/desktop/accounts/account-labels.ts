import type { AccountRequestWireAction } from '../../api/accounts';
import { accountRequestKindLabelVi } from '../../domain/accounts/account-request';

/** How the outbox names an account step: "Duyệt — yêu cầu tài khoản", "Gửi yêu cầu thay đổi thông tin". */
export function accountOutboxLabel(action: AccountRequestWireAction): string {
  switch (action.type) {
    case 'approve':
      return 'Duyệt yêu cầu tài khoản đảng viên';
    case 'refuse':
      return 'Từ chối yêu cầu tài khoản đảng viên';
    case 'file_info_change':
      return `Gửi yêu cầu: ${accountRequestKindLabelVi.info_change}`;
    case 'file_position':
      return `Gửi yêu cầu: ${accountRequestKindLabelVi.position}`;
    case 'file_cell_change':
      return `Gửi yêu cầu: ${accountRequestKindLabelVi.cell_change}`;
  }
}

import { foldQuery, matchTier } from '../../../src/domain/text/match';

interface LabelledOption {
  label?: unknown;
}

const labelOf = (option: LabelledOption | undefined) =>
  typeof option?.label === 'string' ? option.label : '';

const tierOf = (query: string, option: LabelledOption | undefined) =>
  matchTier(foldQuery(query), labelOf(option));

/**
 * The `showSearch` of a Select whose options are names (cells, orgs, members): typing filters the
 * way every name filter does (src/domain/text/match), "dan pho so 1" finds "Tổ dân phố số 1",
 * and the closest names come first. Options need a string `label`.
 */
export const nameSearch = {
  filterOption: (input: string, option?: LabelledOption) => tierOf(input, option) !== null,
  filterSort: (a: LabelledOption, b: LabelledOption, { searchValue }: { searchValue: string }) =>
    (tierOf(searchValue, a) ?? Number.MAX_SAFE_INTEGER) -
    (tierOf(searchValue, b) ?? Number.MAX_SAFE_INTEGER),
};

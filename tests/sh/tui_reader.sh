#!/bin/sh
# tui_reader.sh - reading: a real corpus document (巫山府办发〔2021〕48号)
# paged to the end at 80x24 and 200x60 with no line wider than the window,
# no line starting with closing punctuation and the key line always there;
# the metadata block; the interpretation <-> policy links; a guide sheet; a
# Q&A with its policy link.
. tests/lib/common.sh
. tests/lib/tui.sh

tui_setup || { bad setup "seed_db failed"; exit 1; }

for size in "80 24" "200 60"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" || { bad "start_$tag" "no home screen"; continue; }
	tui_keys 1 /
	tui_type "巫山"
	tui_wait "巫山府办发〔2021〕48号"
	tui_keys Enter Enter
	tui_check "corpus_opens_$tag" "索引号："
	missing=""
	for w in 索引号： 标题： 文号： 发布机构： 发布日期： 主题： "巫山府办发〔2021〕48号" 巫山县人民政府办公室; do
		tui_screen | grep -qF "$w" || missing="$missing $w"
	done
	[ -z "$missing" ] && ok "metadata_block_$tag" || bad "metadata_block_$tag" "missing:$missing"
	tui_check "position_$tag" "第 1/"
	pages=$(tui_screen | head -1 | sed -n 's/.*第 1\/\([0-9]*\) 页.*/\1/p')
	[ -n "$pages" ] && [ "$pages" -gt 1 ] && ok "several_pages_$tag" || bad "several_pages_$tag" "pages=$pages"
	badw=0 badk=0 badl=0 seen=""
	p=1
	while [ "$p" -le "${pages:-1}" ]; do
		tui_wait "第 $p/$pages 页" 3 || { bad "page_${p}_$tag" "not reached"; break; }
		scr=$(tui_screen)
		echo "$scr" | "$CHECK" width "$1" >/dev/null || badw=$((badw + 1))
		# The text rows (between the title bar and the status row).
		echo "$scr" | sed -n "2,$(($2 - 2))p" | "$CHECK" kinsoku >/dev/null || badk=$((badk + 1))
		case "$(echo "$scr" | tail -1)" in *"Esc 返回"*) ;; *) badl=$((badl + 1)) ;; esac
		seen="$seen$scr"
		tui_keys PgDn
		p=$((p + 1))
	done
	[ $badw = 0 ] && ok "corpus_width_$tag" || bad "corpus_width_$tag" "$badw pages too wide"
	[ $badk = 0 ] && ok "corpus_kinsoku_$tag" || bad "corpus_kinsoku_$tag" "$badk pages with a line starting with closing punctuation"
	[ $badl = 0 ] && ok "corpus_keyline_$tag" || bad "corpus_keyline_$tag" "$badl pages without key line"
	tui_check "corpus_end_$tag" "全文完"
	# The last lines of the document are on the last page.
	tui_check "corpus_last_text_$tag" "巫山县人民政府办公室"
	tui_keys Space
	tui_check "end_stays_$tag" "第 $pages/$pages 页"
	tui_keys PgUp
	tui_check "page_up_$tag" "第 $((pages - 1))/$pages 页"
	tui_keys Home

	# The policy lists its interpretation; Enter follows it; and back.
	tui_wait "星期二"
	tui_keys 3 Enter
	tui_check "policy_lists_interpretation_$tag" "政策解读：→ 《东乡街道农村低保审核确认办法》政策解读"
	tui_check "validity_shown_$tag" "有效性：  现行有效"
	tui_keys Enter
	tui_check "follow_to_interpretation_$tag" "相关政策：→ 东乡街道农村低保审核确认办法"
	tui_check "interpretation_body_$tag" "办法共五章二十条"
	tui_keys Enter
	tui_check "follow_back_to_policy_$tag" "第一条　为规范农村最低生活保障审核确认工作"
	tui_keys Escape Escape Escape Down Enter
	tui_check "lapsed_in_words_$tag" "失效（本文件已失效，仅供查阅）"
	tui_frame_ok "reader_frame_$tag"
	tui_keys p
	tui_check "print_key_answers_$tag" "打印"
	tui_keys Home

	# A guide as a sheet with its fields.
	tui_wait "星期二"
	tui_keys 5 Enter
	tui_check "guide_opens_$tag" "办事指南：最低生活保障申请"
	missing=""
	for w in 受理条件 申请材料 办理流程 办理时限 收费标准 办理地点 办公时间 咨询电话 "0818-5210123" "王䶮等代办人须带委托书"; do
		tui_screen | grep -qF "$w" || missing="$missing $w"
	done
	if [ -n "$missing" ] && [ "$2" -lt 40 ]; then
		tui_keys PgDn
		for w in $missing; do tui_screen | grep -qF "$w" || still="${still:-} $w"; done
		missing=${still:-}
	fi
	[ -z "$missing" ] && ok "guide_fields_$tag" || bad "guide_fields_$tag" "missing:$missing"
	tui_frame_ok "guide_frame_$tag"
	tui_keys Home

	# Q&A: list, search, read, follow the policy link.
	tui_wait "星期二"
	tui_keys 8
	tui_check "qa_list_$tag" "耕地地力保护补贴什么时候发到卡上？"
	tui_keys /
	tui_type "材料"
	if tui_gone "耕地地力保护补贴什么时候发到卡上？"; then ok "qa_search_$tag"; else bad "qa_search_$tag" "not narrowed"; fi
	tui_keys Enter Enter
	tui_check "qa_reader_$tag" "答："
	tui_check "qa_answer_$tag" "到便民服务中心2号窗口办"
	tui_keys Enter
	tui_check "qa_follow_policy_$tag" "东乡府规〔2024〕1号"
	tui_stop
done

# Sourced by bench scripts that take options of the form --NAME VALUE: sets the shell variable NAME
# for each, among the names the script lists in $options (its defaults already set); anything else
# stops the script with a pointer to its header comment.
# Usage: rounds=6; label=""; options="rounds label"; . "$here/options.sh" "$@"
while [ $# -gt 0 ]; do
  option_name="${1#--}"
  case " $options " in
    *" $option_name "*)
      if [ "$1" = "$option_name" ] || [ $# -lt 2 ]; then
        echo "$0: expected --$option_name VALUE (see the comment at the top of $0)" >&2
        exit 2
      fi
      printf -v "$option_name" '%s' "$2"
      shift 2 ;;
    *) echo "$0: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
